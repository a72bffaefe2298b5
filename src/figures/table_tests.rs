//! Table-driven tests of the figure scanner on sentences written for them.

use super::*;

/// (text, expected figures as (span text, kind, value, unit, qualifier)).
type Case = (&'static str, &'static [(&'static str, &'static str, f64, &'static str, &'static str)]);

const CASES: &[Case] = &[
    // Money forms.
    ("The fund gave $3 million to the race.", &[("$3 million", "money", 3e6, "USD", "exact")]),
    ("It cost US$4.7 billion in all.", &[("US$4.7 billion", "money", 4.7e9, "USD", "exact")]),
    // "us" the pronoun before a spaced dollar sign is not the prefix.
    ("The furnace costs us $40,000 every winter.", &[("$40,000", "money", 40000.0, "USD", "exact")]),
    ("A bid of €10M and then €10B.", &[("€10M", "money", 1e7, "EUR", "exact"), ("€10B", "money", 1e10, "EUR", "exact")]),
    ("They spent £2,000 on it.", &[("£2,000", "money", 2000.0, "GBP", "exact")]),
    ("It was ¥500 a bowl.", &[("¥500", "money", 500.0, "JPY", "exact")]),
    ("She raised three million dollars.", &[("three million dollars", "money", 3e6, "USD", "exact")]),
    ("He gave half a million dollars.", &[("half a million dollars", "money", 5e5, "USD", "exact")]),
    ("The budget is 20 million euros.", &[("20 million euros", "money", 2e7, "EUR", "exact")]),
    ("Fines of 10 pounds apply.", &[("10 pounds", "money", 10.0, "GBP", "exact")]),
    ("Revenue hit $5.2bn last year.", &[("$5.2bn", "money", 5.2e9, "USD", "exact")]),
    ("Revenue hit $5.2 bn last year.", &[("$5.2 bn", "money", 5.2e9, "USD", "exact")]),
    ("A $250K grant.", &[("$250K", "money", 2.5e5, "USD", "exact")]),
    ("A $40m deal and a $7mn fee and $3 mln more.", &[("$40m", "money", 4e7, "USD", "exact"), ("$7mn", "money", 7e6, "USD", "exact"), ("$3 mln", "money", 3e6, "USD", "exact")]),
    ("It was 12 cents a share.", &[("12 cents", "money", 0.12, "USD", "exact")]),
    ("The GDP is $2.174T.", &[("$2.174T", "money", 2.174e12, "USD", "exact")]),
    ("It costs 115USD or EUR 20.", &[("115USD", "money", 115.0, "USD", "exact"), ("EUR 20", "money", 20.0, "EUR", "exact")]),
    ("A C$16.4 million order.", &[("C$16.4 million", "money", 1.64e7, "CAD", "exact")]),
    // Qualifiers.
    ("He offered more than $3 million.", &[("more than $3 million", "money", 3e6, "USD", "more_than")]),
    ("They poured nearly $1.4 million in.", &[("nearly $1.4 million", "money", 1.4e6, "USD", "nearly")]),
    ("It reached about $35 million.", &[("about $35 million", "money", 3.5e7, "USD", "about")]),
    ("Up to $500 per person.", &[("Up to $500", "money", 500.0, "USD", "up_to")]),
    ("At least $1.42 was due.", &[("At least $1.42", "money", 1.42, "USD", "at_least")]),
    ("It was less than $2,000.", &[("less than $2,000", "money", 2000.0, "USD", "less_than")]),
    ("It was under seven euros.", &[("under seven euros", "money", 7.0, "EUR", "less_than")]),
    ("An estimated $50 million was lost.", &[("An estimated $50 million", "money", 5e7, "USD", "about")]),
    // The slip real copy contains.
    ("A donation of $over $900,000 helped.", &[("$over $900,000", "money", 9e5, "USD", "more_than")]),
    // Ranges.
    ("Costs of $2-3 million are likely.", &[("$2-3 million", "money", 2.5e6, "USD", "range")]),
    ("Between $100,000 and $150,000 was spent.", &[("Between $100,000 and $150,000", "money", 125000.0, "USD", "range")]),
    // A first number written out in thousands keeps its value: it borrows no magnitude.
    ("The bill was between $900,000 and $1 million.", &[("between $900,000 and $1 million", "money", 950000.0, "USD", "range")]),
    ("It will cost $750-900 million.", &[("$750-900 million", "money", 8.25e8, "USD", "range")]),
    ("From 10 to 20 dollars each.", &[("From 10 to 20 dollars", "money", 15.0, "USD", "range")]),
    ("It fell from $5 million to $3 million.", &[("$5 million", "money", 5e6, "USD", "exact"), ("$3 million", "money", 3e6, "USD", "exact")]),
    ("Prices rose from $10 to $12.", &[("$10", "money", 10.0, "USD", "exact"), ("$12", "money", 12.0, "USD", "exact")]),
    ("About $10-$20 a ticket.", &[("About $10-$20", "money", 15.0, "USD", "range")]),
    // Cents and compound amounts.
    ("It cost $20 and 43 cents.", &[("$20 and 43 cents", "money", 20.43, "USD", "exact")]),
    ("thirteen dollars and forty-five cents", &[("thirteen dollars and forty-five cents", "money", 13.45, "USD", "exact")]),
    ("Negative: ($99.99) and -15€.", &[("($99.99)", "money", -99.99, "USD", "exact"), ("-15€", "money", -15.0, "EUR", "exact")]),
    // Tokenised copy and spaced symbols.
    ("It won a $ 300 million contract .", &[("$ 300 million", "money", 3e8, "USD", "exact")]),
    ("country music ' s $ 500 million man", &[("$ 500 million", "money", 5e8, "USD", "exact")]),
    ("A 1 $ 10 dollars bill.", &[("$ 10 dollars", "money", 10.0, "USD", "exact")]),
    ("It was 10 $ 30 cent in all.", &[("10 $ 30 cent", "money", 10.3, "USD", "exact")]),
    ("Costs: $ 20,000.00 $ 37,305.97 in all.", &[("$ 20,000.00", "money", 20000.0, "USD", "exact"), ("$ 37,305.97", "money", 37305.97, "USD", "exact")]),
    ("It was rmb 10 usd 20 then.", &[("rmb 10", "money", 10.0, "CNY", "exact"), ("usd 20", "money", 20.0, "USD", "exact")]),
    ("We give away 3 USD50 cards.", &[("USD50", "money", 50.0, "USD", "exact")]),
    // Conversions in parentheses are not accounting negatives; a written sign is kept.
    ("The deal was worth £2bn ($2.5bn) in all.", &[("£2bn", "money", 2e9, "GBP", "exact"), ("$2.5bn", "money", 2.5e9, "USD", "exact")]),
    ("A loss of -15€ ($-20.50) was booked.", &[("-15€", "money", -15.0, "EUR", "exact"), ("$-20.50", "money", -20.5, "USD", "exact")]),
    ("The grant ($5 million) was approved; revenue was ($2.5 million).", &[("$5 million", "money", 5e6, "USD", "exact"), ("($2.5 million)", "money", -2.5e6, "USD", "exact")]),
    ("In the fourth quarter billions of dollars moved.", &[]),
    // Compound modifiers of a currency word; a pound of weight is not money.
    ("It paid a 12-cent-a-share dividend and made a one-yen bid.", &[("12-cent", "money", 0.12, "USD", "exact"), ("one-yen", "money", 1.0, "JPY", "exact")]),
    ("She bought a twenty pound bag of rice for $10.", &[("$10", "money", 10.0, "USD", "exact")]),
    ("He paid with a five pound note.", &[("five pound", "money", 5.0, "GBP", "exact")]),
    // Spelled cents with no "and", but not a count after the amount.
    ("It cost thirteen dollars forty five", &[("thirteen dollars forty five", "money", 13.45, "USD", "exact")]),
    ("He paid ten dollars twenty times.", &[("ten dollars", "money", 10.0, "USD", "exact")]),
    // Symbols written with letters; thousands grouped with spaces.
    ("He lent me 100,000 ரூ last week.", &[("100,000 ரூ", "money", 1e5, "LKR", "exact")]),
    ("It was valued at 10 000 dollars.", &[("10 000 dollars", "money", 1e4, "USD", "exact")]),
    ("A fee of 40\u{a0}000 euros.", &[("40\u{a0}000 euros", "money", 4e4, "EUR", "exact")]),
    ("It costs quarter million us dollars.", &[("quarter million us dollars", "money", 2.5e5, "USD", "exact")]),
    // Ordinary English that is not money.
    ("A quarter of voters stayed home in the third quarter.", &[]),
    ("A grand total of nothing, a grand jury and a dollar sign.", &[]),
    ("It costs a dollar a day, a penny more than a euro.", &[("a dollar", "money", 1.0, "USD", "exact"), ("a penny", "money", 0.01, "USD", "exact"), ("more than a euro", "money", 1.0, "EUR", "more_than")]),
    // Right after an amount, "a pound" is what the amount is per: weight, not money.
    ("Hops fetched $6.10 a pound, up from 6 dollars a pound.", &[("$6.10", "money", 6.1, "USD", "exact"), ("6 dollars", "money", 6.0, "USD", "exact")]),
    ("They won 10 games and got five marks.", &[("10 games", "quantity", 10.0, "game", "exact"), ("five marks", "quantity", 5.0, "mark", "exact")]),
    ("In 2013 a group of 100 met.", &[]),
    // Counted quantities and percentages.
    ("It covers over 1.5 million people in two counties.", &[("over 1.5 million people", "quantity", 1.5e6, "person", "more_than"), ("two counties", "quantity", 2.0, "county", "exact")]),
    // Unit symbols after a number; "m" (metres or million) is not one.
    ("The detour adds 140 km and about 2 kg of paperwork.", &[("140 km", "quantity", 140.0, "kilometre", "exact"), ("about 2 kg", "quantity", 2.0, "kilogram", "about")]),
    ("A 150 MW battery beside a 40 ha site.", &[("150 MW", "quantity", 150.0, "megawatt", "exact"), ("40 ha", "quantity", 40.0, "hectare", "exact")]),
    ("They drove the 29km Road to the coast.", &[]),
    ("The mast is 40 m tall and 12 mi away.", &[]),
    // A crew is counted as itself, like staff: "about 40 crew".
    ("The ship carried about 40 crew and 12 passengers.", &[("about 40 crew", "quantity", 40.0, "crew", "about"), ("12 passengers", "quantity", 12.0, "passenger", "exact")]),
    ("He backed 12 candidates in six states.", &[("12 candidates", "quantity", 12.0, "candidate", "exact"), ("six states", "quantity", 6.0, "state", "exact")]),
    ("She ran in more than a dozen races.", &[("more than a dozen races", "quantity", 12.0, "race", "more_than")]),
    ("Turnout rose 27% and then 3.5 percent and 4 per cent.", &[("27%", "percent", 27.0, "%", "exact"), ("3.5 percent", "percent", 3.5, "%", "exact"), ("4 per cent", "percent", 4.0, "%", "exact")]),
    ("The gap shrank 2 percentage points.", &[("2 percentage points", "quantity", 2.0, "percentage point", "exact")]),
    ("Voters in two Orlando counties.", &[("two Orlando counties", "quantity", 2.0, "county", "exact")]),
    ("In three closely watched district attorney races.", &[("three closely watched district attorney races", "quantity", 3.0, "race", "exact")]),
    ("Some 40 African-American men.", &[("Some 40 African-American men", "quantity", 40.0, "man", "about")]),
    ("Between 10 and 20 people came.", &[("Between 10 and 20 people", "quantity", 15.0, "person", "range")]),
    ("A crowd of 10-20 people.", &[("10-20 people", "quantity", 15.0, "person", "range")]),
    ("It fell to minus 5 percent, then 3 hundred people and three dozens eggs, one hundred percents.", &[("minus 5 percent", "percent", -5.0, "%", "exact"), ("3 hundred people", "quantity", 300.0, "person", "exact"), ("three dozens eggs", "quantity", 36.0, "egg", "exact"), ("one hundred percents", "percent", 100.0, "%", "exact")]),
    ("Dozens of people and hundreds of cars.", &[]),
    // Nouns that never change in the plural; "-time" halves of a compound modifier.
    ("The range holds 1,100 elk and 40 bison.", &[("1,100 elk", "quantity", 1100.0, "elk", "exact"), ("40 bison", "quantity", 40.0, "bison", "exact")]),
    ("It hired 150 full-time and 65 part-time workers.", &[("65 part-time workers", "quantity", 65.0, "worker", "exact")]),
    ("The campus will support 150 full-time jobs.", &[("150 full-time jobs", "quantity", 150.0, "job", "exact")]),
    ("He ran it 12 times.", &[]),
    // A verb opening a list item is capitalised for its place: not a label like "District 9".
    ("Creates 650 permanent positions", &[("650 permanent positions", "quantity", 650.0, "position", "exact")]),
    ("Adds 120,000 metric tons of copper a year", &[("120,000 metric tons", "quantity", 120000.0, "ton", "exact")]),
    ("Hired 40 drivers.", &[("40 drivers", "quantity", 40.0, "driver", "exact")]),
    ("District 9 voters and Texas 35 drivers waited.", &[]),
    ("Route 66 travelers came.", &[]),
    // Not figures.
    ("In 2015 the race was on 08/30/2016 at 5:30 p.m. and June 5, 2018.", &[]),
    ("On the 21st floor in the 1990s.", &[]),
    ("Call 555-1234 or (555) 555-1234 or 1-800-555-1234.", &[]),
    ("See page 12 and Section 5 of Proposition 47.", &[]),
    ("COVID-19 and I-95 and F-35 jets.", &[]),
    ("The 527 group and Title 9 rules.", &[]),
    ("He won 3-2 and 10 defeated their rivals.", &[]),
    ("It was more than 22 times the income.", &[]),
    ("One TV ad ran; one of them won.", &[]),
    ("The dollar fell and dollars flowed.", &[]),
    ("He weighs 200 pounds and bought a twenty-pound bag.", &[("200 pounds", "quantity", 200.0, "pound", "exact")]),
    ("A grand jury met.", &[]),
    ("Over 1 year ago it began.", &[]),
    ("A 30-year bond.", &[]),
    // A compound counts its noun, unless it is a length of time, an age or a currency.
    ("They bought a 62-acre site for a 450-job plant.", &[("62-acre", "quantity", 62.0, "acre", "exact"), ("450-job", "quantity", 450.0, "job", "exact")]),
    ("A 1,200-student school signed a 10-year-old contract and a 12-month lease.", &[("1,200-student", "quantity", 1200.0, "student", "exact")]),
    ("The board split in a 3-2 vote over a twenty-pound bag.", &[]),
];

fn check(text: &str, want: &[(&str, &str, f64, &str, &str)]) -> Result<(), String> {
    let got = extract(text, 0..text.len());
    let got_s: Vec<String> = got
        .iter()
        .map(|f| format!("({:?}, {}, {}, {}, {})", &text[f.range.clone()], f.kind.as_str(), f.value, f.unit, f.qualifier.as_str()))
        .collect();
    if got.len() != want.len() {
        return Err(format!("{text:?}: got {got_s:?}, want {want:?}"));
    }
    for (f, w) in got.iter().zip(want) {
        let ok = &text[f.range.clone()] == w.0
            && f.kind.as_str() == w.1
            && (f.value - w.2).abs() <= 1e-9 * w.2.abs().max(1.0)
            && f.unit == w.3
            && f.qualifier.as_str() == w.4;
        if !ok {
            return Err(format!("{text:?}: got {got_s:?}, want {want:?}"));
        }
    }
    Ok(())
}

#[test]
fn figure_table() {
    let failures: Vec<String> = CASES.iter().filter_map(|(t, w)| check(t, w).err()).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn interval_and_step_are_recorded() {
    let t = "It gave over $930,000 and $900,000 and 1.6 million people.";
    let f = extract(t, 0..t.len());
    assert_eq!(f[0].step, 10_000.0);
    assert_eq!((f[0].interval.low, f[0].interval.high), (930_000.0, 940_000.0));
    assert!(!f[0].interval.low_inclusive && f[0].interval.high_inclusive);
    assert_eq!(f[1].step, 100_000.0);
    assert_eq!((f[1].interval.low, f[1].interval.high), (850_000.0, 950_000.0));
    assert_eq!(f[2].step, 100_000.0);
    assert_eq!((f[2].interval.low, f[2].interval.high), (1_550_000.0, 1_650_000.0));
}
