"""bot.ordering: one chat in order, different chats at the same time."""

from __future__ import annotations

import asyncio

from bot.ordering import ChatOrderedProcessor, chat_key
from tests.unit.bot.tgfactory import message, parse, update


async def _run(processor: ChatOrderedProcessor, jobs: list[tuple[object, float, str]]) -> list:
    seen: list[str] = []

    async def handle(delay: float, label: str) -> None:
        await asyncio.sleep(delay)
        seen.append(label)

    async with processor:
        await asyncio.gather(*(processor.process_update(u, handle(d, lbl)) for u, d, lbl in jobs))
    return seen


async def test_processor_when_slow_original_and_fast_edit_then_edit_after_original() -> None:
    original = parse(update(payload=message("原文", chat_id=-1001, message_id=1)))
    other = parse(update(payload=message("别的群", chat_id=-1002, message_id=1)))
    edit = parse(update("edited_message", message("改", chat_id=-1001, message_id=1,
                                                  edit_date=1_764_000_100)))
    jobs = [(original, 0.2, "original"), (edit, 0.0, "edit"), (other, 0.0, "other")]
    assert await _run(ChatOrderedProcessor(8), jobs) == ["other", "original", "edit"]


async def test_processor_when_many_chats_then_run_concurrently() -> None:
    jobs = [(parse(update(payload=message("x", chat_id=-1000 - i))), 0.2, str(i))
            for i in range(10)]
    loop = asyncio.get_running_loop()
    start = loop.time()
    await _run(ChatOrderedProcessor(16), jobs)
    assert loop.time() - start < 1.0


async def test_processor_when_done_then_hook_called_and_idle_locks_dropped() -> None:
    done: list[int] = []

    async def on_done(u: object) -> None:
        done.append(u.update_id)  # type: ignore[attr-defined]

    processor = ChatOrderedProcessor(4, on_done=on_done)
    u = parse(update(payload=message("x")))
    await _run(processor, [(u, 0.0, "a")])
    assert (done, processor.busy_chats) == ([u.update_id], 0)


def test_chat_key_when_business_chat_then_connection_in_key() -> None:
    u = parse(update("business_message", message("x", chat_id=5, business_connection_id="b")))
    assert chat_key(u) == "b:b:5"
