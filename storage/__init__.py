"""WardWatch evidence archive (design §5): the only package that talks to the database.

Public API — the bot and the CLI use only these; every function takes an open SQLAlchemy
`Session` first (from `store.begin()`, which commits on success) and never commits itself, so
callers compose one transaction (e.g. append + findings + outbox) and nothing half-done is kept.

Opening
    storage.db.open_store(url, *, archive_key, key_dir, signing_key_file=..., upgrade=None)
        -> Store   (.begin() context manager, .session(), .cipher, .signer, .store_id, .close())
        SQLite is created/upgraded automatically; a server DB needs `wardwatch db upgrade`.
        Raises CorruptDatabaseError, ForeignDatabaseError, SchemaOutdatedError, WrongKeyError,
        DatabaseLockedError, DiskFullError (storage.errors; messages are bilingual, no content).
    storage.db.upgrade(url) -> (before, after)
    storage.crypto.resolve_archive_key(setting_or_env, key_file, *, create) -> bytes | None

Ingest (design §2)
    storage.inbox.put(session, source, update_id, payload) -> bool   (False on replay)
    storage.inbox.pending(session, limit) / mark_done(session, source, update_id)
    storage.inbox.StoreInbox(store, source)  — the bot's InboxStore protocol, one commit per call
    storage.archive.append_message(session, message, *, masked_text, media=None)
        -> MessageRecord | None   (None: this (source, chat, message, version) is already in)
    storage.archive.append_messages(session, [NewMessage(message, masked_text, media)])
        -> list[seq | None]        (batch import: thousands per transaction)
    storage.archive.record_findings(session, message_record_or_seq, findings, actions)
        -> (finding_seqs, action_seqs)   actions enter the outbox in the same transaction
    storage.archive.mark_removed(session, message_seq, *, by, reason)
    storage.archive.upsert_chat(...), upsert_person(...), find_message(...)

Outbox and decisions
    storage.outbox.due(session, now, limit) -> [ActionRecord]  (id = .seq)
    storage.outbox.mark_sent(session, id, delivered_message_id)
    storage.outbox.mark_failed(session, id, error, retry_at) / give_up(session, id, error)
    storage.acks.record(session, alert_id, actor_id, decision, at)  ack|false_positive|escalate

Integrity
    storage.chain.verify_chain(session) -> VerifyResult(ok, problem, bad_seq, detail, checked,
        purged, checkpoints, head_seq, head_hash)   problem: changed|deleted|reordered|inserted|
        checkpoint; a record blanked outside a retention purge counts as changed
    storage.checkpoints.create(session) -> Checkpoint (signed head); .due(session, every),
        .latest(session), .text(cp, store_id) for the witness chat, .as_dict(cp, store_id)

Audit, queries, cases, retention
    storage.audit.record(session, actor, action, target, reason, detail=None)
    storage.queries.search(session, *, actor, reason, text, chat, sender, role, department,
        rule, category, since, until, page, page_size) -> SearchPage(hits, has_more)
    storage.queries.show(session, seq, *, actor, reason, original=False, actor_roles=())
        -> MessageView; without the compliance role or a reason, `.original_denied` says why
        (and the attempt is audited: commit the session)
    storage.cases.open_case(session, *, title, opened_by, reason) -> Case
    storage.cases.add_messages(session, case_id, seqs, *, actor) / add_range(..., chat_id,
        since, until, actor) -> int;  list_cases(session);  held_message_seqs(session)
    storage.cases.seal(session, case_id, *, actor, reason, out_dir, timezone) -> SealResult
    storage.bundle.verify_bundle(path, *, public_key=None) -> BundleReport  (offline, no DB)
    storage.retention.purge(session, *, actor, retention_days=None, now=None, dry_run=False)
        -> PurgeReport;  effective_days(config) validates archive.retention_days

Timed side (jobs, escalation, case workflow, report facts)
    storage.jobs.claim(session, job, period, now, lease) -> JobRun | None;  finish(...) in the
        transaction of the job's effects;  fail(..., retry_at, max_attempts) -> status;
        recover(session, now) at start-up;  baseline(session, job, period, now);  summaries(...)
    storage.jobs.enqueue_notice(session, key, chat_id, text, now, document=None) -> bool
        (False: key already queued);  due_notices / notice_sent / notice_failed / notices
    storage.escalations.open_alerts(session, since) -> [AlertRow];  record_escalation(session,
        alert_seq, level, duty, reason, at) -> event seq | None (chained `escalated` event)
    storage.workflow.open_case(session, title, opened_by, intake, at) -> case id;  save(...)
        (stage moves chained as `case_stage`);  load(session, id);  list_cases(session)
    storage.stats.finding_facts(session, start, end, department=None) -> [FindingFact];
        departments(session)

Chained record digests are defined in storage.canonical (pure standard library), shared by
the archive, the verifier and the bundle checker.
"""
