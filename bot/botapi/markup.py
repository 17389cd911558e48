"""HTML `parse_mode`: plain text plus entities, and Telegram's refusal of malformed markup.

A bot that forgets to escape a user's `<` gets `can't parse entities` from Telegram; the local
server answers the same, so that bug shows up in tests rather than in a hospital's group.
Tags from the Bot API "HTML style" section; offsets are UTF-16 code units.
"""

from __future__ import annotations

from html.parser import HTMLParser

from bot.botapi.state import JsonDict, bad_request

_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of entity offsets."""
    return len(text.encode("utf-16-le")) // 2


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.open: list[tuple[str, int, dict[str, str | None]]] = []
        self.entities: list[JsonDict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _TAGS:
            raise bad_request(f'can\'t parse entities: Unsupported start tag "{tag}"')
        self.open.append((tag, self.length, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            raise bad_request(f'can\'t parse entities: Unmatched end tag "{tag}"')
        _, start, attrs = self.open.pop()
        if self.length > start:
            entity: JsonDict = {"type": _TAGS[tag], "offset": start, "length": self.length - start}
            if tag == "a" and attrs.get("href"):
                entity["url"] = attrs["href"]
            if tag == "pre" and attrs.get("language"):
                entity["language"] = attrs["language"]
            self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.length += utf16_len(data)


def parse_html(text: str) -> tuple[str, list[JsonDict]]:
    """The text users see and its entities, or 400 `can't parse entities`."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    if parser.open:
        tag = parser.open[-1][0]
        raise bad_request(f"can't parse entities: Can't find end tag corresponding to \"{tag}\"")
    rest = parser.rawdata if hasattr(parser, "rawdata") else ""
    if "<" in rest:
        raise bad_request("can't parse entities: Unclosed start tag")
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.parts), entities


def render(text: str, parse_mode: str | None) -> tuple[str, list[JsonDict]]:
    """Apply `parse_mode`; Markdown modes are passed through unparsed (not emulated)."""
    if parse_mode and parse_mode.upper() == "HTML":
        return parse_html(text)
    return text, []
