"""WardWatch's Telegram side: the PTB application, intake, executor, commands and the CLI."""

import os

# PTB 22.2 deprecated int durations (RetryAfter.retry_after among them) in favour of timedelta,
# the type of PTB 23, and warns on every read, even inside RetryAfter's own constructor, unless
# the process opts in with PTB_TIMEDELTA=true (PTB 22.2 changelog). Every process that imports
# the bot opts in here, before any request; an operator's explicit setting is respected.
os.environ.setdefault("PTB_TIMEDELTA", "true")
