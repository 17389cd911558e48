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
    storage.chain.verify_chain(session) -> VerifyResult(ok, problem, bad_seq, detail, ...)
    storage.checkpoints.create(session) -> Checkpoint (signed head); checkpoints.text(cp)

Audit, queries, cases, retention
    storage.audit.record(session, actor, action, target, reason)
    storage.queries.search(session, *, text, chat, sender, role, department, rule, category,
        since, until, page, page_size, actor, reason) -> SearchPage
    storage.queries.show(session, seq, *, actor, reason, original=False, actor_roles=())
    storage.cases.open_case / add_messages / add_range / seal / list_cases
    storage.bundle.verify_bundle(path) -> BundleReport   (offline, no database)
    storage.retention.purge(session, *, retention_days, now, actor) -> PurgeReport
"""
