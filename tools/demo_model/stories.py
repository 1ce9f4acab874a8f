"""Short children's stories from a small grammar, with the pronouns' antecedents marked.

Every story has one girl and one boy, so "she" and "he" are never ambiguous, and at most one object,
so "it" is not either: each pronoun's antecedent is known exactly, which lets the training script
score heads that link a pronoun to the name or object it refers to.
"""

import re
from dataclasses import dataclass, field

GIRLS = ["Mia", "Lily", "Anna", "Sara", "Emma", "Lucy", "Zoe", "Ella", "Ruby", "Nora", "Amy",
         "Kate"]
BOYS = ["Tom", "Ben", "Sam", "Max", "Leo", "Jack", "Finn", "Noah", "Dan", "Owen", "Tim", "Joe"]
# Each object with the verbs that fit it, so that what a pronoun does depends on what it refers to.
OBJECTS = {
    "ball": ["kicked", "threw"], "kite": ["flew"], "doll": ["hugged"], "drum": ["played"],
    "boat": ["sailed"], "book": ["read"], "cake": ["ate"], "apple": ["ate"], "hat": ["wore"],
    "cup": ["filled"], "box": ["opened"], "flower": ["smelled"], "shell": ["washed"],
    "car": ["pushed"], "bike": ["rode"], "letter": ["read"], "cookie": ["ate"], "stick": ["threw"],
    "bell": ["rang"], "bear": ["hugged"],
}
ADJECTIVES = ["red", "blue", "green", "yellow", "big", "little", "shiny", "soft", "old", "new",
              "pink", "brown"]
PLACES = ["park", "garden", "beach", "forest", "kitchen", "school", "river", "farm", "shop", "zoo",
          "lake", "hill"]
FEELINGS = ["happy", "glad", "sad", "tired", "excited", "proud"]
PRONOUNS = {  # subject, object, possessive
    "girl": {"she": "she", "her": "her", "his": "her"},
    "boy": {"she": "he", "her": "him", "his": "his"},
}

INTROS = [
    "{A} and {B} went to the {place}.",
    "One day, {A} went to the {place} with {B}.",
    "{A} and {B} were at the {place}.",
    "It was a sunny day. {A} and {B} went to the {place}.",
]
FINDS = ["{A} found a {adj} {O}.", "{A} saw a {adj} {O} on the ground.", "{A} had a {adj} {O}."]
MIDDLES = [
    "{A.She} {verb} {O.it}.",
    "{A.She} gave {O.it} to {B}.",
    "{A.She} showed {O.it} to {B}.",
    "{B.She} liked {O.it} very much.",
    "{A.She} put {O.it} in {A.his} bag.",
    "{B} said, \"Thank you, {A}!\"",
    "{B.She} smiled at {A.her}.",
    "{A} and {B} played with the {O} all day.",
    "{B.She} {verb} {O.it} too.",
    "{B.She} was very {feeling}.",
]
ENDINGS = ["Then they went home.", "They had a lot of fun.", "The end.", "That was a good day."]
# Documents that repeat a passage word for word: natural text in which copying is the right guess.
REPEATS = [
    "{A} went to the shop. {A.She} wanted {list}. At the shop, {A.she} found {list}.",
    "{A} sang a song: \"{list}.\" Then {B} sang it too: \"{list}.\"",
    "{A} said: {list}. {B} said it back: {list}.",
    "{A} had {list}. {B} had {list} too.",
]

_SLOT = re.compile(r"\{(\w+)(?:\.(\w+))?\}")


@dataclass
class Story:
    text: str
    # (pronoun start, antecedent start) in characters, the antecedent being the referent's most
    # recent mention by name or noun.
    links: list = field(default_factory=list)


def _item(rng):
    return f"a {ADJECTIVES[rng.integers(len(ADJECTIVES))]} {_pick(rng, list(OBJECTS))}"


def _pick(rng, options):
    return options[rng.integers(len(options))]


def _item_list(rng):
    items = [_item(rng) for _ in range(rng.integers(2, 5))]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _render(template, slots, rng):
    """Fills a template; returns the text and the pronoun links it makes."""
    text, links, last_mention, pos = [], [], {}, 0
    for part in re.split(r"(\{[^}]*\})", template):
        if not part:
            continue
        match = _SLOT.fullmatch(part)
        if not match:
            text.append(part)
            pos += len(part)
            continue
        name, form = match.groups()
        if form is None:
            value = slots[name]
            if name in ("A", "B", "O"):
                last_mention[name] = pos
        else:
            kind = slots.get(name + "_kind")
            value = "it" if name == "O" else PRONOUNS[kind][form.lower()]
            if form[0].isupper():
                value = value.capitalize()
            links.append((pos, last_mention[name]))
        text.append(value)
        pos += len(value)
    return "".join(text), links


def story(rng):
    """One story with a girl and a boy (in either role) and one object."""
    a_girl = rng.random() < 0.5
    slots = {
        "A": _pick(rng, GIRLS if a_girl else BOYS), "B": _pick(rng, BOYS if a_girl else GIRLS),
        "A_kind": "girl" if a_girl else "boy", "B_kind": "boy" if a_girl else "girl",
        "O": _pick(rng, list(OBJECTS)), "adj": _pick(rng, ADJECTIVES),
        "place": _pick(rng, PLACES), "feeling": _pick(rng, FEELINGS),
    }
    slots["verb"] = _pick(rng, OBJECTS[slots["O"]])
    middle = [MIDDLES[i] for i in rng.permutation(len(MIDDLES))[: rng.integers(2, 5)]]
    sentences = [_pick(rng, INTROS), _pick(rng, FINDS), *middle, _pick(rng, ENDINGS)]
    return Story(*_render(" ".join(sentences), slots, rng))


def repeat_passage(rng):
    a_girl = rng.random() < 0.5
    slots = {
        "A": _pick(rng, GIRLS if a_girl else BOYS), "B": _pick(rng, BOYS if a_girl else GIRLS),
        "A_kind": "girl" if a_girl else "boy", "B_kind": "boy" if a_girl else "girl",
        "list": _item_list(rng),
    }
    return Story(*_render(_pick(rng, REPEATS), slots, rng))


def document(rng, repeat_fraction):
    return repeat_passage(rng) if rng.random() < repeat_fraction else story(rng)
