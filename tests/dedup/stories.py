"""Hand-made news stories for the dedup tests: two stories on one topic, and one on another."""

from __future__ import annotations

COUNCIL = [
    "The city council voted seven to two on Monday night to approve a budget of 412 million dollars for "
    "the coming year, ending three months of debate over how to pay for repairs to the ageing water system.",
    "Under the plan, residents will see their water bills rise by about four dollars a month starting in "
    "July, while the city will borrow another 60 million dollars to replace lead pipes in older "
    "neighbourhoods.",
    "Mayor Linda Carver said the vote showed that the council could put long-term needs ahead of short-term "
    "politics. She thanked the residents who had spoken at the public hearings over the summer.",
    "Two council members who voted against the plan argued that the city should have cut spending on new "
    "parking garages before asking families to pay more for water.",
    "The budget also adds twelve police officers, extends library hours on weekends and sets aside money "
    "for a study of flooding along the river, which overflowed twice last spring.",
]

# Same topic (the council and its budget), a different story: it must never join COUNCIL's cluster.
COUNCIL_LATER = [
    "A week after the city council approved its budget, a group of residents filed a petition asking for "
    "a referendum on the planned rise in water bills, which they say falls hardest on retirees.",
    "Organisers said they had gathered more than nine thousand signatures at grocery stores and churches, "
    "well above the number the city charter requires to put a question on the ballot in November.",
    "The city clerk has thirty days to check the signatures. If enough are valid, the council must either "
    "repeal the increase or let voters decide, according to the charter.",
    "Mayor Linda Carver said she respected the petitioners but warned that delaying the pipe work would "
    "cost more in the long run, as federal grants for the project expire at the end of next year.",
]

STORM = [
    "A late-season storm dropped more than a foot of snow across the northern counties on Tuesday, closing "
    "schools, knocking out power to forty thousand homes and stranding drivers on the interstate for hours.",
    "State police said they had responded to more than two hundred crashes since the snow began falling "
    "before dawn, most of them minor. One driver was taken to hospital with injuries that were not life "
    "threatening.",
    "Utility crews from three neighbouring states were on their way to help restore power, which could take "
    "until the weekend in some rural areas, a spokeswoman for the power company said.",
    "Forecasters expect the snow to taper off by Wednesday morning, followed by a sharp drop in temperatures "
    "that could leave roads icy through the end of the week.",
]

BOILERPLATE_A = ["Home | News | Politics | Business | Sport", "Share this article", "Advertisement"]
BOILERPLATE_B = ["Skip to main content", "Sign up for our newsletter", "© 2025 The Daily Example"]


def page(title: str, paragraphs: list[str], top: list[str], bottom: list[str]) -> str:
    """A plain-text page: boilerplate lines, the title, the paragraphs, more boilerplate."""
    return "\n\n".join([*top, title, *paragraphs, *bottom])


def edited(paragraphs: list[str]) -> list[str]:
    """A syndicated version: a word changed in the first paragraph, and a credit line added at the end."""
    first = paragraphs[0].replace(" the ", " this ", 1)
    return [first, *paragraphs[1:], "This story was first published by a partner newsroom."]
