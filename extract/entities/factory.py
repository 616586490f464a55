"""Build canonical :class:`Entity` records: from the vocabulary, from UN symbols,
from SDG numbers, or from names not in any vocabulary (open world).

One instance per document run hands out the same ``Entity`` object for the same
(class, key), so all mentions of one real-world thing share one record.
"""

from __future__ import annotations

from hrkg.core.names import label_form
from hrkg.extract.entities.structural_keys import person_key, session_key, structural_key
from hrkg.extract.model import Entity
from hrkg.extract.organs import load_organs, resolution_prefix
from hrkg.extract.patterns import load_patterns
from hrkg.extract.vocabulary import VocabEntry, Vocabulary


class EntityFactory:
    """Hands out canonical entities for one build (shared across documents)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._cache: dict[tuple[str, str], Entity] = {}

    def _remember(self, entity: Entity, lang: str = "") -> Entity:
        """The one record of ``entity``'s (class, key); ``lang``: one record per language
        (a structural key labelled in the language that named it)."""
        return self._cache.setdefault((entity.cls, entity.key + lang), entity)

    def from_vocabulary(self, entry: VocabEntry) -> Entity:
        if entry.cls in ("SDGGoal", "SDGTarget") and entry.number:
            return self.sdg(entry.number)
        same_as = (entry.uri,) if entry.uri else ()  # an IRI the source data states
        return self._remember(Entity(
            cls=entry.cls, key=entry.key, label_zh=entry.zh, label_en=entry.en,
            subclass=entry.subclass, same_as=same_as, in_vocabulary=True,
        ))

    def vocabulary_key(self, key: str) -> Entity | None:
        entry = self.vocabulary.get(key)
        return self.from_vocabulary(entry) if entry else None

    def resolution(self, symbol: str) -> Entity:
        return self._remember(resolution_entity(symbol))

    def un_document(self, symbol: str) -> Entity:
        return self._remember(un_document_entity(symbol))

    def sdg(self, number: str) -> Entity:
        is_target = "." in number
        cls = "SDGTarget" if is_target else "SDGGoal"
        entry = self.vocabulary.get(f"sdg-{number}")
        label_zh = f"可持续发展目标{number}"
        label_en = f"SDG target {number}" if is_target else f"Sustainable Development Goal {number}"
        if entry is not None:
            label_zh = entry.zh or label_zh
            label_en = entry.en or label_en
        return self._remember(Entity(
            cls=cls, key=number, identifier=number, label_zh=label_zh, label_en=label_en,
            same_as=(f"http://metadata.un.org/sdg/{number}",),
        ))

    def open_world(self, cls: str, name: str, subclass: str | None = None,
                   country: Entity | None = None, lang: str = "zh") -> Entity:
        """An entity known only by its name in ``lang`` (not in any vocabulary); ``country``:
        the State a national body or plan belongs to."""
        label = label_form(name)
        known = self.lookup_surface(label, cls, lang)  # a composed name the vocabulary has
        if known is not None:
            return known
        key = structural_key(label, lang, self)
        if key is not None:
            return self._named(cls, key, label, subclass, country, lang)
        if lang != "zh":
            return self._remember(Entity(cls=cls, key=f"{lang}:{label}", label_zh="",
                                         label_en=label, subclass=subclass, country=country))
        return self._remember(Entity(
            cls=cls, key=f"zh:{label}", label_zh=label, subclass=subclass, country=country,
        ))

    def conference_session(self, treaty: Entity | None, number: int | None, name: str,
                           lang: str = "zh") -> Entity:
        """A session of ``treaty``'s conference of the parties: keyed by its UN short name
        (``COP27``) when the data knows the treaty's prefix, else by ``name``."""
        key = session_key(treaty, number) if number is not None else None
        if key is None:
            return self.open_world("Actor", name, "Conference", lang=lang)
        return self._named("Actor", key, label_form(name), "Conference", None, lang)

    def person(self, name: str, side: Entity, lang: str = "zh") -> Entity | None:
        """A person named in Latin script, keyed with the State or body they speak for
        (``side``) in every language; None for a name in another script."""
        key = person_key(label_form(name), side)
        return self._named("Actor", key, label_form(name), "Person", None, lang) if key else None

    def _named(self, cls: str, key: str, label: str, subclass: str | None,
               country: Entity | None, lang: str) -> Entity:
        """An entity with a language-independent ``key``, labelled in ``lang`` only."""
        zh, en = (label, "") if lang == "zh" else ("", label)
        return self._remember(Entity(cls=cls, key=key, label_zh=zh, label_en=en,
                                     subclass=subclass, country=country), "\x1f" + lang)

    def edition(self, series: Entity, date: str, subclass: str | None) -> Entity:
        """The edition of a vocabulary series dated ``date`` (a year, or a plan's period):
        keyed ``<series key>/<date>`` in every language (extract/entities/editions.py)."""
        separator = ", " if "-" in date else " "
        return self._remember(Entity(
            cls=series.cls, key=f"{series.key}/{date}", label_zh=f"{date}年{series.label_zh}",
            label_en=f"{series.label_en}{separator}{date}" if series.label_en else None,
            subclass=subclass,
        ))

    def lookup_surface(self, text: str, cls: str | None = None,
                       lang: str = "zh") -> Entity | None:
        """The vocabulary entity whose name or alias in ``lang`` is exactly ``text`` (one
        class only); with ``cls``, only if it is of that class."""
        surface = label_form(text) if lang == "zh" else " ".join(text.split())
        entries = self.vocabulary.names_in(lang).get(surface)
        if not entries or (cls is not None and entries[0].cls != cls):
            return None
        return self.from_vocabulary(entries[0])


def resolution_entity(symbol: str) -> Entity:
    """The resolution or decision ``symbol`` names, labelled by its organ and number."""
    prefix = resolution_prefix(symbol)
    number = symbol.split("/RES/")[-1].split("/DEC/")[-1]
    kind_zh, kind_en = ("决定", "decision") if "/DEC/" in symbol else ("决议", "resolution")
    organ = load_organs().of_prefix(prefix)
    if organ is not None and organ.conference:
        organ = None  # a treaty conference's decisions are labelled by number only
    organ_zh = organ.zh if organ else ""
    organ_en = organ.en if organ and organ.en else prefix
    return Entity(
        cls="Resolution", key=symbol, identifier=symbol,
        label_zh=f"{organ_zh}第{number}号{kind_zh}",
        label_en=f"{organ_en} {kind_en} {number}",
        subclass="Decision" if kind_en == "decision" else None,
    )


def un_document_entity(symbol: str) -> Entity:
    """The UN document ``symbol`` names (not a resolution or decision), labelled by it."""
    return Entity(cls="UNDocument", key=symbol, identifier=symbol, label_zh=symbol,
                  label_en=symbol)


def work_entity(symbol: str) -> Entity:
    """The work a UN symbol names, the entity a citation of that symbol denotes: a
    resolution or decision (a kind of patterns/symbols.yaml ``exclude_kinds`` in it,
    ``…/RES/…``, ``…/DEC/…``), else a UN document."""
    kinds = load_patterns("symbols")["exclude_kinds"]
    if any(f"/{kind}/" in f"{symbol}/" for kind in kinds):
        return resolution_entity(symbol)
    return un_document_entity(symbol)
