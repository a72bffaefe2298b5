//! A deterministic generator of news-like documents for the benchmarks: paragraphs built from
//! sentence templates with names, organisations, places, money, counts, percentages, dates,
//! quotes and attribution, in Markdown (headings, emphasis, links, lists, block quotes,
//! footnotes, code) or as plain text with the same prose. No dependency: same text every run.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const PEOPLE: &[&str] = &[
    "Ana Ruiz", "Daniel Reyes", "Priya Natarajan", "Tom Baker", "Wen Li", "Amara Okafor", "José Álvarez", "Mikko Laine",
    "Grace O'Neill", "Samuel Whitfield", "Leila Haddad", "Marcus Bell",
];
const TITLES: &[&str] = &["Mayor", "Sen.", "Dr.", "Mr.", "Ms.", "Gov.", "Dist. Atty.", "Councilmember", "Chief Financial Officer"];
const ORGS: &[&str] = &[
    "the Federal Election Commission", "Politico", "Acme Holdings Inc.", "the U.S. Treasury", "Harbor Transit Authority",
    "Northwind Energy", "the Riverside County Board of Supervisors", "Blue Ridge Health", "the American Civil Liberties Union (ACLU)",
    "Open Society Foundations", "the Department of Transportation", "Café Lumière Group",
];
const PLACES: &[&str] = &["Ridgeview", "São Paulo", "the harbor district", "Riverside County", "Ohio", "New Mexico", "Lake Placid", "Toronto"];
const THINGS: &[&str] = &[
    "road repairs", "the school bond", "television ads", "the stadium lease", "flood barriers", "consulting fees",
    "campaign mailers", "new buses", "the pension fund", "legal settlements",
];
const VERBS: &[&str] = &["spent", "gave", "paid", "raised", "donated", "borrowed", "set aside", "approved"];
const REPORTERS: &[&str] = &["said", "told reporters", "wrote in a memo", "noted", "confirmed", "estimated"];
const QUALS: &[&str] = &["", "", "", "more than ", "about ", "nearly ", "at least ", "up to ", "roughly "];
const MONTHS: &[&str] = &["January", "March", "June", "September", "November"];
const FILLER: &[&str] = &[
    "The council met again on Tuesday evening to debate the proposal, which critics have called rushed and opaque.",
    "Residents packed the hearing room, and several of them waited hours for a chance to speak.",
    "Officials did not respond to repeated requests for comment before this story was published.",
    "The measure would change how the city awards contracts for maintenance work on its older buildings.",
    "Supporters argue the plan is overdue; opponents say it shifts costs onto renters and small businesses.",
    "However, the vote was delayed twice after questions about the bidding process surfaced in the spring.",
    "It is not clear when the board will take up the matter again, or whether the votes are there.",
    "The new schedule, which begins next month, adds late-night service on weekends and holidays.",
    "Neighbors said the noise from the construction site starts before dawn most days of the week.",
    "A spokesperson for the agency declined to say how many complaints it had received this year.",
];

fn money(r: &mut Rng) -> String {
    let n = 1 + r.below(900);
    match r.below(7) {
        0 => format!("${}.{} million", n, r.below(10)),
        1 => format!("${},{:03}", n, r.below(1000)),
        2 => format!("${} billion", 1 + r.below(20)),
        3 => format!("{} million dollars", 1 + r.below(90)),
        4 => format!("€{}M", 1 + r.below(90)),
        5 => format!("${}-{} million", 2 + r.below(5), 8 + r.below(5)),
        _ => format!("${}", n),
    }
}

fn person(r: &mut Rng) -> String {
    if r.below(3) == 0 {
        format!("{} {}", r.pick(TITLES), r.pick(PEOPLE))
    } else {
        r.pick(PEOPLE).to_string()
    }
}

/// One sentence; `md` adds inline Markdown (links, emphasis, footnotes).
fn sentence(r: &mut Rng, md: bool) -> String {
    let year = 1995 + r.below(30);
    match r.below(16) {
        0 => format!("{} {} {}{} on {} in {}, according to {}.", person(r), r.pick(VERBS), r.pick(QUALS), money(r), r.pick(THINGS), year, r.pick(ORGS)),
        1 => format!("{} {} {}{} last year, records show.", capitalise(r.pick(ORGS)), r.pick(VERBS), r.pick(QUALS), money(r)),
        2 => format!("“We have waited long enough,” said {}, who represents {}.", person(r), r.pick(PLACES)),
        3 => format!("The program serves {}{} residents in {} at a cost of {} per household.", r.pick(QUALS), 1000 + r.below(200_000), r.pick(PLACES), money(r)),
        4 => format!("Turnout in {} reached {}.{} percent on {} {}, {}, up from {}% four years earlier.", r.pick(PLACES), 30 + r.below(50), r.below(10), r.pick(MONTHS), 1 + r.below(28), year, 20 + r.below(40)),
        5 if md => format!("See the [full report](https://example.org/reports/{year}/{}) for the {} districts and {} contracts.", r.below(1000), 2 + r.below(30), 10 + r.below(400)),
        5 => format!("The full report (https://example.org/reports/{year}/{}) covers {} districts and {} contracts.", r.below(1000), 2 + r.below(30), 10 + r.below(400)),
        6 if md => format!("{} put **{}** into {} since {}.[^{}]", r.pick(PEOPLE), money(r), r.pick(THINGS), year, 1 + r.below(9)),
        6 => format!("{} put {} into {} since {}.[{}]", r.pick(PEOPLE), money(r), r.pick(THINGS), year, 1 + r.below(9)),
        7 => format!("{} {} that {} had {} {}{} to {} candidates in {} states.", r.pick(PEOPLE), r.pick(REPORTERS), r.pick(ORGS), r.pick(VERBS), r.pick(QUALS), money(r), 2 + r.below(20), r.pick(&["six", "seven", "twelve", "three"])),
        8 if md => format!("*{}* estimated the overrun at {}{} for {}.", r.pick(&["The Ledger", "Politico", "The Courier"]), r.pick(QUALS), money(r), r.pick(THINGS)),
        9 => format!("That sum tops every rival in {}, {} {}.", r.pick(PLACES), r.pick(ORGS), r.pick(REPORTERS)),
        10 => format!("Call 555-{:04} or see page {} of the filing dated 08/{:02}/{}.", r.below(10_000), 1 + r.below(90), 1 + r.below(28), year),
        _ => r.pick(FILLER).to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

fn paragraph(r: &mut Rng, md: bool, out: &mut String) {
    for i in 0..(2 + r.below(4)) {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&sentence(r, md));
    }
    out.push_str("\n\n");
}

/// A document of at least `bytes` bytes: Markdown when `md`, else plain text with the same kind
/// of prose (bare URLs for links, `[1]` markers for footnotes, plain lines for lists).
pub fn article(bytes: usize, seed: u64, md: bool) -> String {
    let mut r = Rng::new(seed);
    let mut s = String::with_capacity(bytes + 1024);
    let mut n = 0u64;
    if md {
        s.push_str("---\ntitle: County budget\ndate: 2024-05-02\n---\n\n# County budget hearings\n\n");
    } else {
        s.push_str("COUNTY BUDGET HEARINGS\n\nBy Ana Ruiz, May 2, 2024\n\n");
    }
    while s.len() < bytes {
        if n % 9 == 8 {
            let heading = format!("{} and {}", capitalise(r.pick(THINGS)), r.pick(PLACES));
            if md {
                s.push_str(&format!("## {heading}\n\n"));
            } else {
                s.push_str(&format!("{heading}\n\n"));
            }
        }
        match r.below(14) {
            0 => {
                for _ in 0..(2 + r.below(3)) {
                    let item = sentence(&mut r, md);
                    s.push_str(if md { "- " } else { "* " });
                    s.push_str(&item);
                    s.push('\n');
                }
                s.push('\n');
            }
            1 if md => {
                s.push_str("> ");
                s.push_str(&sentence(&mut r, md));
                s.push_str("\n>\n> — ");
                s.push_str(&person(&mut r));
                s.push_str("\n\n");
            }
            2 if md => s.push_str(&format!(
                "```json\n{{\"budget\": {}, \"year\": {}}}\n```\n\nThe figures above use `fiscal_{}` data.\n\n",
                r.below(1_000_000),
                2000 + r.below(25),
                2000 + r.below(25)
            )),
            3 if md => s.push_str(&format!("[^{}]: Budget office filing, page {}.\n\n", 1 + r.below(9), 1 + r.below(90))),
            _ => paragraph(&mut r, md, &mut s),
        }
        n += 1;
    }
    s
}
