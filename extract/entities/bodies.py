"""Names of bodies that are in no vocabulary, found by their head word
(…委员会, …理事会, …组织, …会议, …论坛, …工作组, …基金, …办事处, …部 …): the name
runs left from the head until a character or word that cannot be part of a name.
A new committee, ministry or company in an unseen document still comes out as an Actor.

Beyond the head word:
- a national body in a paragraph about one country ("在利比里亚，…司法部…") or named
  after it ("乌干达人权委员会") is that country's: its canonical label records the
  country (利比里亚司法部), so the ministries of two countries stay two entities;
- a field office named after its parent ("人权高专办乌干达国别办事处") is cut after the
  parent, which keeps its own mention; the office's canonical label keeps the parent;
- sessions of a Conference of the Parties ("《公约》缔约方会议第二十八届会议") are
  conferences; Latin-script company names listed before 等企业 are companies;
- phrases that only look like names (发展伙伴关系, "partnership") block shorter names.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.entities.body_identity import BodyIdentity
from hrkg.extract.entities.candidates import Candidate, add_candidate, candidates, text_of
from hrkg.extract.entities.coreference import Spans
from hrkg.extract.entities.country_scope import STATE_SUBCLASSES, Scope, country_scopes, scope_at
from hrkg.extract.entities.english_bodies import EnglishBodyFinder
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.languages import hide_language_names
from hrkg.extract.entities.officers import OfficerFinder
from hrkg.extract.entities.special_bodies import SpecialNames
from hrkg.extract.entities.words import words
from hrkg.extract.model import Entity
from hrkg.extract.patterns import alternation, conjunctions, load_patterns


class BodyNameFinder:
    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("bodies")
        self.factory = factory
        self.heads: dict[str, str] = data["heads"]
        self.head_pattern = re.compile(rf"(?:{alternation(list(self.heads))})")
        self.min_modifier = int(data["min_modifier"])
        self.max_length = int(data["max_length"])
        self.stop_chars = set(data["stop_chars"])
        self.stop_words: dict[str, list[str]] = {}  # by last character, longest first
        for word in sorted(data["stop_words"], key=len, reverse=True):
            self.stop_words.setdefault(word[-1], []).append(word)
        self.not_before = data.get("not_before_stop", {})
        self.not_after = data.get("not_after_stop", {})
        self.generic = set(data["generic_modifiers"]) | set(data["generic_modifiers_kinds"])
        self.strip_leading = set(data["strip_leading"])
        self.strip_after_number = set(data["strip_after_number"])
        self.min_known_suffix = int(data["min_known_suffix"])
        self.number_prefixed = tuple(data["number_prefixed"])
        self.verb_heads = set(data["verb_heads"])
        self.verb_followers = tuple(data["verb_followers"])
        self.kind_heads = self.verb_heads | set(data["kind_heads"])
        self.head_not_before: dict[str, str] = data["head_not_before"]
        # the scan skips a head where it is no head, so that a later one can match
        # ("司法和内务部": 司 before 法 is none, 内务部 is)
        self.scan_pattern = re.compile("|".join(
            re.escape(head) + (f"(?![{re.escape(after)}])"
                               if (after := self.head_not_before.get(head[-1])) else "")
            for head in sorted(self.heads, key=len, reverse=True)))
        self.reject = [re.compile(p) for p in data["reject_patterns"]]
        self.standalone = set(data["standalone_heads"])
        self.national = set(data["national_modifiers"])
        self.joiners = set(conjunctions("body_names"))
        self.max_joined = int(data["max_joined_segment"])
        self.noun_stop_words = set(data["noun_like_stop_words"])
        self.generic_meeting = re.compile(
            rf"^(?:{data['ordinal_prefix']})?(?:{alternation(data['generic_meeting_words'])})+$")
        self.meeting_heads = set(data["meeting_heads"])
        self.body_meeting = re.compile(data["body_meeting"])
        self.body_heads = tuple(h for h, subclass in self.heads.items() if subclass != "Post")
        self.chair_heads = set(data["chair_heads"])
        self.role_heads = set(data["role_heads"])
        self.dated_name = re.compile(data["dated_name"])
        self.role_cue = re.compile(data["role_cue"])
        self.parent_only = set(data["parent_only_heads"])
        self.kind_openers = tuple(data["kind_openers"])
        self.kind_list = re.compile(data["kind_list"])
        self.kind_adjectives = tuple(data["kind_adjectives"])
        self.state_only = set(data["state_only_heads"])
        self.state_only_not_after = data["state_only_not_after"]
        self.unit_heads = set(data["unit_heads"])
        self.head_synonyms: dict[str, str] = data["head_synonyms"]
        self.field_office_heads = set(data["field_office_heads"])
        self.international = re.compile(alternation(data["international_markers"]))
        self.special_names = SpecialNames(factory, data)
        self.leading_tags = set(data["leading_word_tags"])
        self.verb_tags = set(data["verb_word_tags"])
        self.clause_tags = set(data["clause_word_tags"])
        self.count_word = re.compile(data["count_word"])
        self.word_window = int(data["word_window"])
        self.officers = OfficerFinder(factory, data)
        self.identity = BodyIdentity(factory, data["identity"])
        self.language_suffixes = data["language_suffixes"]

    # -- where a name starts -------------------------------------------------------
    def name_start(self, text: str, head_start: int) -> int:
        """Where the name ending at ``head_start`` begins (scanning left)."""
        lower = max(0, head_start - self.max_length)
        position, stopper = self._scan_left(text, head_start, lower)
        if stopper is not None and stopper in self.noun_stop_words and position == head_start:
            # "法律改革委员会": 改革 is part of the name when nothing else is, and more
            # than 改革 is
            before, _ = self._scan_left(text, position - len(stopper), lower)
            position = before if before < position - len(stopper) else position
        elif stopper in self.joiners:
            position = self._joined_start(text, position, head_start, lower)
        while position < head_start and (
                text[position] in self.strip_leading
                or (text[position] in self.strip_after_number and _after_number(text, position))):
            position += 1
        if text.startswith(self.number_prefixed, position):
            number = re.search(r"\d+ ?$", text[lower:position])
            position -= len(number.group()) if number else 0
        return position

    def _scan_left(self, text: str, position: int, lower: int) -> tuple[int, str | None]:
        """Scan left from ``position``: where the name starts and the stop word met, if any."""
        while position > lower:
            char = text[position - 1]
            if char in self.stop_chars or not ("\u4e00" <= char <= "\u9fff" or char in "·－-"):
                return position, None
            word = self._stop_word_ending_at(text, position)
            if word is not None:
                return position, word
            position -= 1
        return position, None

    def _joined_start(self, text: str, position: int, head_start: int, lower: int) -> int:
        """Where a name joined by 和/与/及 starts ("矿产和能源部", "东南亚和太平洋区域办事处"):
        the words before 和 belong to the name when they are no name of their own and the
        words after it are no name either."""
        joiner_start = position - 1
        right = text[position:head_start]
        left_start = self._scan_left(text, joiner_start, lower)[0]
        if self._of_states(text[left_start:joiner_start], right):
            return left_start  # "某组织甲国和乙国委员会": the organization's body for two States
        head = self.head_pattern.match(text, head_start)
        if (not right and not (head and head.group() in self.standalone)) \
                or right in self.generic or self.factory.lookup_surface(right) is not None:
            return position  # "进程和论坛": two kinds of things
        if any(self.factory.lookup_surface(right[:i], "Actor") for i in range(2, len(right))):
            return position  # "…报告和某国土地协会": the name opens with an actor's name
        left_start, stopper = self._scan_left(text, joiner_start, lower)
        left = text[left_start:joiner_start]
        if not left and stopper is not None and stopper in self.noun_stop_words:
            # "报告和后续行动国家机制委员会"; after a noun the name runs on ("经济合作与发展部")
            position = joiner_start - len(stopper)
            before = [w for w in words(text[max(lower, position - 4):position],
                                       max(lower, position - 4)) if w.end == position]
            if before and before[0].tag.startswith("n"):
                return self._scan_left(text, position, lower)[0]
            return position
        if not left or len(left) > self.max_joined or left in self.generic:
            return position
        if self.scan_pattern.search(left[-3:]) or any(
                self._is_party(left[i:]) for i in range(len(left) - 1)):
            return position  # "人权理事会和…", "妇女和儿童…": two parties, not one name
        return left_start

    def _of_states(self, left: str, right: str) -> bool:
        """Whether ``left`` is an organization then a State and ``right`` a State."""
        state = self.factory.lookup_surface(right)
        if state is None or state.subclass not in STATE_SUBCLASSES:
            return False
        for cut in range(2, len(left) - 1):
            owner, state = (self.factory.lookup_surface(part) for part in (left[:cut], left[cut:]))
            if owner is not None and state is not None and state.subclass in STATE_SUBCLASSES \
                    and owner.cls == "Actor" and owner.subclass not in STATE_SUBCLASSES:
                return True
        return False

    def _is_party(self, name: str) -> bool:
        entity = self.factory.lookup_surface(name)
        return entity is not None and entity.cls in ("Actor", "Group")

    def known_suffix(self, name: str) -> tuple[int, Entity] | None:
        """The longest vocabulary name that ends ``name`` ("确保国际法院" -> 国际法院):
        the characters before it are the verb or clause the scan ran into."""
        for offset in range(1, len(name) - self.min_known_suffix + 1):
            entity = self.factory.lookup_surface(name[offset:])
            if entity is not None:
                return offset, entity
        return None

    def _stop_word_ending_at(self, text: str, position: int) -> str | None:
        for word in self.stop_words.get(text[position - 1], ()):
            if text.startswith(word, position - len(word)):
                follower = text[position:position + 1]
                if follower and follower in self.not_before.get(word, ""):
                    continue
                preceder = text[max(0, position - len(word) - 1):position - len(word)]
                if preceder and preceder in self.not_after.get(word, ""):
                    continue
                return word
        return None

    def word_start(self, text: str, start: int, head_start: int, head_end: int) -> int | None:
        """Where an unknown name starts by Chinese words (jieba), or None when the words
        before the head are a clause or a count ("送交委员会", "61个国家办事处")."""
        left = max(0, start - self.word_window)
        found = [w for w in words(text[left:head_end], left) if w.start < head_start]
        modifier = [w for w in found if w.start >= start]
        if start == head_start:
            return start  # "司法部": the head alone (kept only where the country is known)
        cut = any(w.start < start < w.end for w in found)
        if any(self.count_word.search(w.text) for w in modifier):
            return None  # "61个国家办事处", "八个组织"
        clause = any(w.tag in self.clause_tags for w in modifier)
        while modifier and (modifier[0].tag in self.leading_tags or (
                not modifier[0].tag.startswith("n") and len(modifier) > 1
                and self._is_party(modifier[1].text))):  # "尊重某国权力机构": no name's word
            modifier.pop(0)
        if not modifier:
            return None
        if (cut and len(modifier) == 1) or all(w.tag in self.verb_tags for w in modifier) or (
                clause and modifier[-1].tag in self.verb_tags and modifier[-1].end == head_start):
            return None
        return modifier[0].start

    # -- which heads make a name -----------------------------------------------------
    def _is_name(self, text: str, head: str, modifier: str, end: int) -> bool:
        if modifier.endswith(self.kind_adjectives) or (
                modifier in self.generic and modifier not in self.national) or (
                len(modifier) < self.min_modifier and head not in self.standalone):
            return False
        if head in self.verb_heads and text.startswith(self.verb_followers, end):
            return False  # "利益攸关方组织了一次…": the verb
        if head in self.kind_heads and self.factory.lookup_surface(modifier) is not None:
            return False  # "人权高专办组织五次磋商": the verb; "民间社会网络": a kind
        if text[end:end + 1] in self.head_not_before.get(head[-1], ""):
            return False  # "安全部门", "技术部分": a sector, a part, not a ministry
        if head in self.meeting_heads and (
                self.generic_meeting.match(modifier) or self._meeting_of_body(modifier)):
            return False  # "第二次联络会议", "委员会年度会议": a meeting, not a named conference
        if head in self.chair_heads and not (
                self.factory.lookup_surface(modifier) is not None
                or self.head_pattern.search(modifier[-3:])):
            return False  # a chair is a chair of a body
        return True

    def _hide_role(self, doc: Doc, text: str, start: int, head_start: int, end: int) -> bool:
        """Whether the name ending at ``end`` is a role after 作为/是 ("…是委员会的秘书处"):
        then a mention without entity hides it (the vocabulary's 秘书处 too), holding only the
        body before the head."""
        alone = start == head_start  # "委员会的秘书处", "…联合秘书处": the role's word alone
        start -= alone  # ...hidden by a span longer than the vocabulary's 秘书处
        if not self.role_cue.search(text, max(0, start - self.max_length), start):
            return False
        holds = set() if alone else {(start, head_start)}
        add_candidate(doc, Candidate(start, end, None, "body-pattern", container=True,
                                     info={"keys": [], "holds": holds}))
        return True

    def _dated_name(self, text: str, start: int, end: int) -> tuple[int, Entity] | None:
        """(start, entity) of a vocabulary name written with a year after its convener
        ("联合国2023年水会议" is 联合国水会议), if the name ending at ``end`` is one."""
        dated = self.dated_name.search(text, max(0, start - 12), start)
        if dated is None:
            return None
        known = self.factory.lookup_surface(dated.group("owner") + text[start:end], "Actor")
        return (dated.start(), known) if known is not None else None

    def _meeting_of_body(self, modifier: str) -> bool:
        """Whether ``modifier`` is a body's name (or a bare 委员会) and which or what kind of
        meeting of it this is ("大会高级别", "委员会年度")."""
        kind = self.body_meeting.search(modifier)
        owner = modifier[:kind.start()] if kind and kind.group() else ""
        if not owner:
            return False
        known = self.factory.lookup_surface(owner)
        return owner.endswith(self.body_heads) or (
            known is not None and known.cls == "Actor" and known.subclass not in STATE_SUBCLASSES)

    # -- the component -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        known = _known_actors_by_start(doc)
        scopes = country_scopes(text, self.factory.lookup_surface)
        blocked = Spans(self.special_names(doc, text))
        self.officers(doc, text, self._stop_word_ending_at)
        hide_language_names(doc, text, self.language_suffixes)
        units: dict[str, Entity] = {}  # a unit's own name ("供应司") -> the unit named in full
        self.identity.start()
        named = _known_bodies(doc, text)  # vocabulary bodies, in order: later names may shorten
        for match in self.scan_pattern.finditer(text):
            head, head_start, end = self._head_of(text, match)
            while named and named[-1][0] <= head_start:
                self.identity.remember(*named.pop()[1:])
            if blocked.covers(head_start, head_start + 1):
                continue
            start = self.name_start(text, head_start)
            modifier = text[start:head_start]
            if head in self.role_heads and self._hide_role(doc, text, start, head_start, end):
                continue
            if (dated := self._dated_name(text, start, end)) is not None:
                add_candidate(doc, Candidate(dated[0], end, dated[1], "body-pattern"))
                continue
            if not self._is_name(text, head, modifier, end):
                continue
            name = text[start:end]
            if any(pattern.search(name) for pattern in self.reject):
                continue
            entity = self.factory.lookup_surface(name)
            if entity is None and head in self.head_synonyms:
                entity = self.factory.lookup_surface(name[:-len(head)] + self.head_synonyms[head])
            if entity is None and (suffix := self.known_suffix(name)) is not None:
                offset, entity = suffix
                start += offset
            if entity is None and name in units:
                entity = units[name]  # "供应司" after "某机构供应司"
            if entity is None:
                entity = self.identity.known_tail(name, head)  # "…领土人权状况前特别报告员"
            if entity is None:
                word_start = self.word_start(text, start, head_start, end)
                if word_start is None or text.endswith(self.kind_openers, 0, word_start) or \
                        self.kind_list.search(text, max(0, word_start - 30), word_start):
                    continue  # a clause, a count; "…等联合国论坛": a kind of body, no name
                if word_start > start and not self._is_name(
                        text, head, text[word_start:head_start], end):
                    continue
                start = word_start
                found = self._open_world(text, start, end, head, known, scopes, units)
                if found is None:
                    continue
                start, entity = found
                entity = self.identity.titled_entity(text, start) or \
                    self.identity.earlier(entity.label_zh) or entity
            self.identity.remember(entity)
            # the body a chair presides over keeps its own mention inside the chair's
            add_candidate(doc, Candidate(start, end, entity, "body-pattern",
                                         container=head in self.chair_heads))
        return doc

    def _head_of(self, text: str, match: re.Match[str]) -> tuple[str, int, int]:
        """The head word at ``match`` and its span; a ministry's head followed by the post's
        last character is the post ("…外交部长": 部长, not 外交部)."""
        head, end = match.group(), match.end()
        post = head[-1] + text[end:end + 1]
        if len(head) > 1 and post in self.parent_only:
            return post, end - 1, end + 1
        return head, match.start(), end

    def _open_world(self, text: str, start: int, end: int, head: str,
                    known: dict[int, tuple[Entity, int]], scopes: list[Scope],
                    units: dict[str, Entity]) -> tuple[int, Entity] | None:
        """The open-world entity of the name ``text[start:end]`` and where its mention starts."""
        name = text[start:end]
        subclass = self.heads[head]
        parent, length = known.get(start, (None, 0))
        between = text[start + length:end - len(head)]  # the holder's name and the head
        if head in self.parent_only | self.state_only and (parent is None or any(
                word.tag in self.verb_tags for word in words(between))):
            return None  # "一位部长", "临时学习中心", "某机构拥有…中心": no named holder
        if head in self.state_only and (
                parent is None or parent.subclass not in STATE_SUBCLASSES
                or name[-len(head) - 1] in self.state_only_not_after):
            return None  # "某国北部", "干部": no ministry
        if parent is not None and head in self.unit_heads and head not in self.field_office_heads \
                and parent.subclass not in STATE_SUBCLASSES and len(name) - length > len(head):
            units[name[length:]] = self.factory.open_world("Actor", name, subclass)
            return start, units[name[length:]]
        if parent is not None and parent.subclass in STATE_SUBCLASSES:  # 乌干达人权委员会
            return start, self.factory.open_world("Actor", name, subclass, country=parent)
        if parent is not None and head in self.field_office_heads:
            own = text[start + length:end]
            if own[:-len(head)] in self.generic or len(own) <= len(head):
                return None  # "开发署区域办事处": the agency's mention is enough
            return start + length, self.factory.open_world("Actor", name, subclass)
        country = scope_at(scopes, start)
        if country and not self.international.search(name):
            return start, self.factory.open_world("Actor", country.label_zh + name, subclass,
                                                  country=country)
        if name[:-len(head)] in self.national or head in self.standalone:
            return None  # "国家统计局", "司法部" of no known country stay vague
        return start, self.factory.open_world("Actor", name, subclass)


def _known_actors_by_start(doc: Doc) -> dict[int, tuple[Entity, int]]:
    """The longest vocabulary Actor (state, agency …) starting at each offset, and its length."""
    known: dict[int, tuple[Entity, int]] = {}
    for candidate in candidates(doc):
        entity = candidate.entity
        if entity is None or entity.cls != "Actor" or candidate.component != "vocabulary":
            continue
        length = candidate.end - candidate.start
        if length > known.get(candidate.start, (entity, 0))[1]:
            known[candidate.start] = (entity, length)
    return known


def _known_bodies(doc: Doc, text: str) -> list[tuple[int, Entity, str]]:
    """(end, entity, name as written) of the vocabulary bodies named in ``doc`` (no States,
    no collectives), the first to end last."""
    found = [(c.end, c.entity, text[c.start:c.end]) for c in candidates(doc)
             if c.entity is not None and c.component == "vocabulary" and c.entity.cls == "Actor"
             and c.entity.subclass not in (*STATE_SUBCLASSES, "CollectiveActor")]
    return sorted(found, key=lambda item: item[0], reverse=True)


def _after_number(text: str, position: int) -> bool:
    """Whether ``position`` follows a number, spaces allowed ("1993 年世界人权会议")."""
    before = text[:position].rstrip(" ")
    return bool(before) and before[-1].isdigit()


@Language.factory("hrkg_bodies", default_config={})
def make_body_name_finder(nlp: Language, name: str) -> BodyNameFinder | EnglishBodyFinder:
    from hrkg.extract.pipeline import shared_factory

    if nlp.lang and nlp.lang != "zh" and "finder_skip_heads" in load_patterns("bodies", nlp.lang):
        return EnglishBodyFinder(shared_factory(nlp), nlp.lang)
    return BodyNameFinder(shared_factory(nlp))
