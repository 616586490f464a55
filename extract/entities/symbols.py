"""UN document symbols cited in the text (``A/HRC/42/29``, ``A/CONF.157/24 (Part I)``,
``CEDAW/C/BRB/CO/5-8``, ``FCCC/CP/2015/10/Add.1``), excluding resolution and
decision symbols and the document's own symbol.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, DocContext, add_candidate, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.patterns import load_patterns


def compile_symbol_pattern(data: dict) -> re.Pattern[str]:
    series = "|".join(sorted(map(re.escape, data["series"]), key=len, reverse=True))
    component = data["component"]
    # a line break inside a symbol leaves at most one space after a slash
    tail = rf"(?:/ ?{component}){{{data['min_components'] - 1},}}"
    return re.compile(
        rf"(?<![A-Za-z0-9./])(?P<symbol>(?:{series})/{component}{tail})"
        rf"(?P<part>{data['trailing_part']})?"
    )


class SymbolFinder:
    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("symbols")
        self.factory = factory
        self.pattern = compile_symbol_pattern(data)
        self.suffix = re.compile(data["attached_suffix"])
        self.excluded = {f"/{kind}/" for kind in data["exclude_kinds"]}
        self.joint = re.compile(data["joint_separator"])
        self.joint_symbol = re.compile(data["joint_symbol"])

    def normalize(self, raw: str, part: str | None) -> str:
        symbol = raw.replace(" ", "").rstrip(".-")
        if part:
            symbol += part.replace(" ", "")
        return symbol

    def __call__(self, doc: Doc) -> Doc:
        context: DocContext = doc._.hrkg_context
        own = (context.metadata.symbol or "").replace(" ", "")
        text = text_of(doc)
        joined_to = -1  # start of a symbol already read as the second half of a joint one
        for match in self.pattern.finditer(text):
            if match.start() == joined_to:
                continue
            symbol = self.normalize(match.group("symbol"), match.group("part"))
            if not re.search(r"\d", symbol) or any(k in f"{symbol}/" for k in self.excluded):
                continue
            end = match.start("symbol") + len(match.group("symbol").rstrip(".-"))
            if match.group("part"):
                end = match.end("part")
            separator = self.joint.match(text, end)
            second = separator and self.pattern.match(text, separator.end())
            if second and not second.group("part"):  # "A/76/871-S/2022/493": one document,
                end = second.start("symbol") + len(second.group("symbol").rstrip(".-"))
                joined_to = second.start()  # keyed by its first symbol
            elif (joint := self.joint_symbol.match(symbol)) is not None:
                symbol = joint.group("first")  # "A/77/895-S/2023/363", "A/76/871-2022/493"
            if symbol != own:
                add_candidate(doc, Candidate(
                    match.start(), end, self.factory.un_document(symbol), "symbol",
                ))
            # "A/HRC/43/31 和 Corr.1" -> also A/HRC/43/31/Corr.1
            suffix = self.suffix.match(text, end)
            if suffix:
                add_candidate(doc, Candidate(
                    suffix.start("suffix"), suffix.end("suffix"),
                    self.factory.un_document(f"{symbol}/{suffix.group('suffix')}"), "symbol",
                ))
        return doc


@Language.factory("hrkg_symbols", default_config={})
def make_symbol_finder(nlp: Language, name: str) -> SymbolFinder:
    from hrkg.extract.pipeline import shared_factory

    return SymbolFinder(shared_factory(nlp))
