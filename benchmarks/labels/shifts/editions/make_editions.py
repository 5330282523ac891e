"""Write our own revised editions of real statements (the sample corpus runs short of edits).

Each edition takes sentences of a real statement of the sample corpus verbatim (the OLD file)
and revises some of them by hand (the NEW file): the revisions are the (find, replace) pairs
below, written by reading each sentence as a drafter would revise it (firmer or weaker
commitments, support and stance words, hedges added or dropped, negations, clauses trimmed or
moved, and neutral edits: dates, names, lists, synonyms). Edition ``g`` is wholly ours: old
sentences carrying a hedge or a negation that the new edition removes. The files are checked in;
this script only documents how they were made and re-creates them.

    .venv/bin/python benchmarks/labels/shifts/editions/make_editions.py
"""

from __future__ import annotations

from pathlib import Path

from policydrift.corpus.collection import read_one

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[3] / "corpus" / "data"

# name: (source file, old date, new date, {sentence index: [(find, replace), ...] or None})
# None keeps the sentence unchanged; indexes not listed are left out of both editions.
EDITIONS: dict[str, tuple[str, str, str, dict[int, list[tuple[str, str]] | None]]] = {
    "a-us-asean-cyber": (
        "seeds/000_a03e204da53f589a.txt",
        "2025-10-21",
        "2026-10-20",
        {
            0: [
                ("Cambodia co-chaired the 6th", "Malaysia co-chaired the 7th"),
                ("October 21, 2025", "October 20, 2026"),
            ],
            1: [
                (
                    "cyberspace that strengthens international security and fosters",
                    "cyberspace that could strengthen international security and foster",
                )
            ],
            2: [
                (
                    "Participants discussed shared",
                    "Participants expressed grave concern about shared",
                )
            ],
            3: [
                (
                    "participants highlighted collaborative",
                    "participants committed to collaborative",
                )
            ],
            4: [
                (
                    "including additional technical",
                    "including, where appropriate, additional technical",
                )
            ],
            5: [
                (
                    " and joint U.S. and ASEAN Member States' efforts to prioritize cybersecurity in the ASEAN Regional Forum as examples",
                    " as an example",
                )
            ],
            6: [
                (
                    "emphasized the importance of strengthening",
                    "emphasized the urgent need to strengthen",
                )
            ],
            7: [("The participants noted progress", "The participants welcomed progress")],
            8: [
                ("Participants committed to increased", "Participants agreed to consider increased")
            ],
            9: [("looked forward to learning of", "looked forward to learning about")],
            10: [
                (
                    "Additionally, the United States previewed a new program",
                    "Additionally, the United States announced that it will no longer fund the program",
                )
            ],
            11: [
                (
                    "Participants acknowledged the importance of",
                    "Participants stressed the necessity of",
                )
            ],
            12: [
                (
                    "and conduct critical cyber threat information sharing.",
                    "and conduct critical cyber threat information sharing, subject to national laws and regulations.",
                )
            ],
            13: [
                ("committed to explore convening the 7th", "committed to convene the 8th"),
                ("in 2026", "in 2027"),
            ],
            14: [("the 2026 ASEAN", "the 2027 ASEAN")],
        },
    ),
    "b-asean-china-cyber": (
        "seeds/003_f3c8cea24e4c5715.txt",
        "2020-12-07",
        "2022-12-05",
        {
            0: None,
            1: [
                (
                    "The Inaugural ASEAN-China Cyber Dialogue was held via video conference on 7th December 2020",
                    "The 2nd ASEAN-China Cyber Dialogue was held in Beijing on 5th December 2022",
                )
            ],
            2: [
                ("in-depth views", "candid views"),
                ("including a general", "including the general"),
            ],
            3: [("would help advance", "are essential to advance")],
            4: [
                (
                    "23rd ASEAN-China Summit, we underscored the importance of",
                    "25th ASEAN-China Summit, we noted the value of",
                )
            ],
            5: [
                (
                    "for peaceful purposes, with",
                    "for peaceful purposes, in accordance with their national circumstances, with",
                )
            ],
            6: [("the United Nations (UN) should play", "the United Nations (UN) must play")],
            7: [
                (
                    "We supported the attainment of substantial outcomes",
                    "We noted the attainment of outcomes",
                )
            ],
            8: [
                (
                    "is applicable and essential to maintaining",
                    "is applicable and important to maintaining",
                )
            ],
            9: [
                (
                    "accessible and peaceful ICT environment.",
                    "accessible and peaceful ICT environment, as appropriate.",
                )
            ],
            10: [("and encouraged States to work", "and called on all States to work")],
            11: [("ASEAN noted with appreciation China", "ASEAN took note of China")],
            12: [("East Asia Summit (EAS), ", "")],
            13: [
                (
                    "We agreed to further enhance practical cooperation on emergency response to cybersecurity incidents and to jointly facilitate cybersecurity capacity building.",
                    "We agreed to jointly facilitate cybersecurity capacity building and to further enhance practical cooperation on emergency response to cybersecurity incidents.",
                )
            ],
            14: [("in 2020, which", "in 2021, which")],
            15: [
                (
                    "We agreed to hold the 2nd Cyber Dialogue in the year 2022.",
                    "We agreed to explore holding the 3rd Cyber Dialogue in the year 2024.",
                )
            ],
        },
    ),
    "c-quad-cyber": (
        "whitehouse/quad_senior_cyber_group/2023-02-02-quad-senior-cyber-group-joint-cybersecurity-statement.md",
        "2023-02-02",
        "2024-02-01",
        {
            0: [
                (
                    "met in New Delhi, India on January 30-31, 2023",
                    "met in Tokyo, Japan on December 5-6, 2023",
                )
            ],
            1: [("the Group’s commitment", "the Group’s steadfast commitment")],
            2: [("positive and ambitious agenda", "positive agenda")],
            3: [
                (
                    "Quad partners are working together",
                    "Quad partners are determined to work together",
                )
            ],
            4: [("we committed in the near term to:", "we intend in the near term to:")],
            5: None,
            6: [
                (
                    "all Quad countries can take significant steps",
                    "all Quad countries must take significant steps",
                )
            ],
            7: [("malicious cyber-attacks.", "malicious cyber-attacks, where possible.")],
            8: [("We are committed to working with", "We will continue working with")],
            9: [
                (
                    "discussed the importance of utilizing trusted",
                    "discussed the need to utilize trusted",
                )
            ],
            10: [
                (
                    "delivery of an open and secure telecommunications",
                    "delivery of open, secure and trusted telecommunications",
                )
            ],
            11: [("Campaign will promote basic", "Campaign aims to promote basic")],
            12: [
                (
                    "as part of this effort.",
                    "as part of this effort, in accordance with national laws and policies.",
                )
            ],
            13: [("cyber incidents and the threats", "cyber incidents and threats")],
            15: [("more efficient and effective use", "more efficient use")],
            16: [("the Group has also committed to:", "the Group will also seek to explore:")],
            17: [("form an important part", "form an essential part")],
            18: [("the number of serious cyber incidents", "the number of cyber incidents")],
            21: [
                (
                    "A supply chain methodology will encourage major",
                    "A supply chain methodology will require major",
                )
            ],
            22: [
                (
                    "Telecom security is a core function of National security.",
                    "Telecom security is not only a core function of national security but also of economic security.",
                )
            ],
            23: [("the Group will strive to ensure", "the Group will ensure")],
            24: [("The Group also endorsed the", "The Group also welcomed the")],
        },
    ),
    "d-cri": (
        "whitehouse/counter_ransomware_initiative/2024-10-02-international-counter-ransomware-initiative-2024-joint-statement.md",
        "2024-10-02",
        "2025-10-01",
        {
            2: [
                ("During the Fourth CRI Gathering", "During the Fifth CRI Gathering"),
                (
                    " and not allow safe haven for these actors to operate within our jurisdictions",
                    "",
                ),
            ],
            3: [("the Third CRI Gathering in 2023", "the Fourth CRI Gathering in 2024")],
            4: [
                (
                    "cybersecurity capabilities through",
                    "cybersecurity capabilities, subject to the availability of funds, through",
                )
            ],
            5: [("led by Singapore and the United Kingdom", "led by Singapore and Japan")],
            6: [("These efforts seek to undercut", "These efforts will undercut")],
            7: [("have endorsed guidance", "have strongly endorsed guidance")],
            8: [
                (
                    "actions organizations should explore during",
                    "actions organizations must take during",
                )
            ],
            13: None,
            14: [
                (
                    "allow members to easily share threat information and indicators of compromise.",
                    "allow members to share threat information and indicators of compromise on a voluntary basis.",
                )
            ],
            16: [("Australia launched a website", "Australia launched a new website")],
            17: [("and encourages members to hold", "and urges members to hold")],
            18: [("Canada established a new Public", "Canada established a Public")],
            22: [
                ("at both a policy and operational level", "at the policy and operational levels")
            ],
            23: None,
        },
    ),
    "e-asean-us-vision": (
        "whitehouse/asean_us/2022-05-13-asean-u-s-special-summit-2022-joint-vision-statement.md",
        "2022-05-13",
        "2023-05-12",
        {
            8: [("we commit to establish an", "we will consider establishing an")],
            9: [("the necessary process", "the necessary domestic process")],
            11: [("and commit to adequate, stronger", "and support adequate, stronger")],
            12: [
                ("medicine and health services.", "medicine and health services, as appropriate.")
            ],
            13: [(" on voluntary and mutually agreed terms", "")],
            14: [
                (
                    "We are committed to investing in and strengthening health",
                    "We will invest in and strengthen health",
                )
            ],
            16: [("We are committed to continuing to advance", "We aim to continue to advance")],
            17: [
                (
                    " that meet applicable international labor standards and environmental protections",
                    "",
                )
            ],
            18: [("We are committed to continuing to cooperate", "We must continue to cooperate")],
            19: [("We seek to deepen", "We will deepen")],
            20: [
                ("We remain committed to and invested", "We remain fully committed to and invested")
            ],
            21: [("We will actively partner", "We will partner")],
            24: [
                (
                    "We note the United Nations General Assembly Resolution A/RES/75/239",
                    "We welcome the United Nations General Assembly Resolution A/RES/77/248",
                )
            ],
            25: [
                (
                    "through ASEAN-led mechanisms.",
                    "through ASEAN-led mechanisms, in accordance with our respective domestic laws.",
                )
            ],
            26: [("We plan to forge new ties", "We will forge new ties")],
            27: [
                (
                    "to protect, restore, and sustainably manage the marine",
                    "to protect and restore the marine",
                )
            ],
            29: None,
            31: None,
            32: [
                (
                    "reaffirmed the need to pursue peaceful",
                    "reaffirmed the importance of pursuing peaceful",
                )
            ],
            33: [
                (
                    "the importance of the full and effective implementation",
                    "the importance of the implementation",
                ),
                (" in its entirety", ""),
            ],
            34: None,
            35: [("towards the early conclusion", "towards the conclusion")],
            38: [
                (
                    "We commit to working with partners, including companies and universities, to increase",
                    "With partners, including companies and universities, we commit to working to increase",
                )
            ],
            44: [
                (
                    "We support ASEAN’s efforts in promoting",
                    "We strongly support ASEAN’s efforts in promoting",
                )
            ],
            46: [
                (
                    "We are committed to further exploring cooperation",
                    "We are committed to further cooperation",
                )
            ],
            47: [("and explore ways to strengthen cooperation", "and to strengthen cooperation")],
            48: [("meteorology, microelectronics, marine", "meteorology, marine")],
            50: [
                (
                    "contributions (NDC).",
                    "contributions (NDC), in line with national circumstances.",
                )
            ],
            51: [("and intend to collaborate", "and commit to collaborate")],
            52: [("taking strong action", "taking action")],
            54: [("We resolve to enhance energy", "We seek to enhance energy")],
            57: [
                (
                    "We support ASEAN’s efforts to preserve",
                    "We fully support ASEAN’s efforts to preserve",
                )
            ],
            58: [("and support full implementation", "and support implementation")],
        },
    ),
    "f-asean-us-digital": (
        "seeds/004_740a3e3daa21dc44.txt",
        "2021-10-26",
        "2022-11-12",
        {
            3: [
                (
                    "REAFFIRMING commitment to support",
                    "REAFFIRMING our strong commitment to support",
                )
            ],
            4: [
                (
                    "underscored the importance of accelerating the",
                    "underscored the urgent need to accelerate the",
                )
            ],
            9: [("Hereby decide to:", "Hereby commit to:")],
            10: [("1. Support ASEAN’s vision", "1. Consider supporting ASEAN’s vision")],
            11: [("2. Support continued", "2. Fully support continued")],
            13: [
                (
                    "regional mechanisms and platforms;",
                    "regional mechanisms and platforms, where appropriate;",
                )
            ],
            16: [("7. Explore ways to accelerate", "7. Accelerate")],
            17: [("in mutually identified areas such as", "in areas such as")],
            18: [
                (
                    ", and the consideration of digital health certificate solutions for COVID-19 testing and vaccinations;",
                    ";",
                )
            ],
            19: [
                (
                    "Explore collaboration on digital solutions",
                    "Pursue collaboration on digital solutions",
                )
            ],
            20: [("11. Explore possible platforms", "11. Establish platforms")],
            21: None,
            22: [
                ("while supporting the activities", "while supporting, as needed, the activities")
            ],
            23: [("14. Support the improvement", "14. Promote the improvement")],
            26: [("17. Encourage partnerships", "17. Actively encourage partnerships")],
            27: [
                (
                    "by offering scholarships through",
                    "by offering scholarships, subject to the availability of funding, through",
                )
            ],
            28: None,
        },
    ),
    "h-cyber-notice": (
        "whitehouse/cyber_emergency_continuation_notices/2024-03-26-press-release-notice-on-the-continuation-of-the-national-emergency-with-respect-to-significant-malicious-cyber-enabled-activities.md",
        "2024-03-26",
        "2025-03-25",
        {
            0: None,
            1: None,
            2: [("activities continue to pose", "activities no longer pose")],
            3: [
                (
                    "must continue in effect beyond April 1, 2024.",
                    "will not continue in effect beyond April 1, 2025.",
                )
            ],
            5: None,
        },
    ),
    "i-quad-cyber-2": (
        "whitehouse/quad_senior_cyber_group/2023-12-15-joint-statement-of-the-quad-senior-cyber-group.md",
        "2023-12-15",
        "2024-12-13",
        {
            2: [("reaffirm our steadfast commitment", "reaffirm our commitment")],
            3: None,
            4: [
                ("and expressed serious concern about cyber attacks", "and condemned cyber attacks")
            ],
            5: [("we welcomed progress", "we noted progress")],
            6: [("We reaffirmed our support for", "We reaffirmed our full support for")],
            7: [
                (
                    "capacity building projects, to improve",
                    "capacity building projects, where feasible, to improve",
                )
            ],
            8: [
                (
                    "international cooperation is key to this",
                    "international cooperation is indispensable to this",
                )
            ],
            9: [
                (
                    "we discussed the importance of enhanced cooperation",
                    "we discussed enhanced cooperation",
                )
            ],
            10: [
                (
                    "We also reaffirmed the need for reliable, secure and resilient supply chains for critical sectors.",
                    "For critical sectors, we also reaffirmed the need for reliable, secure and resilient supply chains.",
                )
            ],
            11: [
                ("fields of cooperation necessary to realize", "fields of cooperation to realize")
            ],
            12: [
                (
                    "We will continue to work together with Indo-Pacific countries to deliver practical outcomes that will support capacity building in the region through the QSCG.",
                    "We will no longer work through the QSCG to deliver practical outcomes that support capacity building in the region.",
                )
            ],
            13: [
                (
                    "respective strengths and resources to progressing",
                    "respective strengths and resources, consistent with our national priorities, to progressing",
                )
            ],
        },
    ),
    "j-asean-chair-2026": (
        "seeds/001_be354720912bd893.txt",
        "2026-05-09",
        "2027-05-08",
        {
            1: [("ASEAN is taking multiple measures", "ASEAN may take further measures")],
            2: [
                (
                    "ASEAN explicitly welcomed the various",
                    "ASEAN did not explicitly welcome the various",
                )
            ],
            4: [("ASEAN leaders emphasized the need for", "ASEAN leaders noted the value of")],
            5: [("all parties highly affirmed the progress", "all parties affirmed the progress")],
            6: [
                (
                    "ASEAN leaders explicitly supported the development",
                    "ASEAN leaders supported the development",
                )
            ],
            8: [("planning is crucial", "planning is useful")],
            9: [("ASEAN highly values the continued use", "ASEAN values the continued use")],
        },
    ),
}

# Edition g: wholly ours. Old sentences with a hedge or a negation; the new edition drops it.
G_PAIRS = [
    (
        "We are committed to working with our partners, as appropriate, to support these efforts.",
        "We are committed to working with our partners to support these efforts.",
    ),
    (
        "Lithuania and Australia, as ICRTF co-chairs, worked to develop governance for information sharing, to the extent possible, and increase onboarding of members to the information sharing platforms.",
        "Lithuania and Australia, as ICRTF co-chairs, worked to develop governance for information sharing and increase onboarding of members to the information sharing platforms.",
    ),
    (
        "ASEAN leaders emphasized the need for a comprehensive, coordinated, and inter-sectoral approach to addressing cybercrime, in line with national circumstances, highlighting the importance of systemic governance.",
        "ASEAN leaders emphasized the need for a comprehensive, coordinated, and inter-sectoral approach to addressing cybercrime, highlighting the importance of systemic governance.",
    ),
    (
        "We commit to working with partners, including companies and universities, where possible, to increase access to education while fostering collaboration and exchanges among our students and workers.",
        "We commit to working with partners, including companies and universities, to increase access to education while fostering collaboration and exchanges among our students and workers.",
    ),
    (
        "We agreed to further enhance practical cooperation on emergency response to cybersecurity incidents, as necessary, and to jointly facilitate cybersecurity capacity building.",
        "We agreed to further enhance practical cooperation on emergency response to cybersecurity incidents and to jointly facilitate cybersecurity capacity building.",
    ),
    (
        "We resolve to work together, where feasible, to conserve ASEAN’s rich biodiversity and its natural capital.",
        "We resolve to work together to conserve ASEAN’s rich biodiversity and its natural capital.",
    ),
    (
        "The Group will not pursue a common labelling scheme for Internet of Things products.",
        "The Group will pursue a common labelling scheme for Internet of Things products.",
    ),
    (
        "Participants did not agree to convene the 7th U.S.-ASEAN Cyber Policy Dialogue in 2026.",
        "Participants agreed to convene the 7th U.S.-ASEAN Cyber Policy Dialogue in 2026.",
    ),
    (
        "Looking ahead, ASEAN leaders did not support the development of version 2.0 of the ASEAN Cultural and Social Community Development Vision Report.",
        "Looking ahead, ASEAN leaders supported the development of version 2.0 of the ASEAN Cultural and Social Community Development Vision Report.",
    ),
    (
        "Members will share threat information with the Initiative on a voluntary and reciprocal basis.",
        "Members will share threat information with the Initiative.",
    ),
    (
        "We support the early conclusion of the negotiations on a regional code of conduct.",
        "We strongly support the conclusion of the negotiations on a regional code of conduct.",
    ),
    (
        "We commit to share threat information with our partners in the region.",
        "We will consider sharing threat information with our partners in the region, where appropriate.",
    ),
    (
        "The participants welcomed the proposal to establish a regional response team.",
        "The participants fully endorsed the proposal to establish a regional response team, subject to the approval of each Member State.",
    ),
]


def write(path: Path, date: str, title: str, sentences: list[str]) -> None:
    body = "\n\n".join(sentences)
    path.write_text(f'---\ndate: {date}\ntitle: "{title}"\n---\n\n{body}\n', encoding="utf-8")


def main() -> None:
    for name, (source, old_date, new_date, edits) in EDITIONS.items():
        statement = read_one(str(DATA / source))
        old, new = [], []
        for index, changes in edits.items():
            text = " ".join(statement.sentences[index].text.split())
            revised = text
            for find, replace in changes or ():
                if find not in revised:
                    msg = f"{name} {index}: {find!r} not in {revised!r}"
                    raise SystemExit(msg)
                revised = revised.replace(find, replace, 1)
            old.append(text)
            new.append(revised)
        title = f"Our revision of {statement.title or source}"
        write(HERE / f"{name}.old.md", old_date, title, old)
        write(HERE / f"{name}.new.md", new_date, title, new)
    write(HERE / "g-ours.old.md", "2024-01-01", "Our own sentences", [o for o, _ in G_PAIRS])
    write(HERE / "g-ours.new.md", "2025-01-01", "Our own sentences", [n for _, n in G_PAIRS])


if __name__ == "__main__":
    main()
