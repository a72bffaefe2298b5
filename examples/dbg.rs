fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cfg = crosscheck::config::Config::defaults(std::path::PathBuf::from("/"));
    let mut c = crosscheck::corpus::Corpus::new(&cfg);
    for p in &args[1..] {
        let t = std::fs::read_to_string(p).unwrap();
        c.set(p, t.into(), crosscheck::text::Format::from_path(p));
    }
    c.refresh();
    for (p, d) in c.docs() {
        for f in d.features.iter() {
            let fig = &d.analysis.figures[f.figure].figure;
            let k = c.claims().keyed(&(std::sync::Arc::from(p.as_str()), f.figure));
            println!("{}:{} {:?} unit={} class={} time={:?} about={:?} scope={:?} keyed={:?}", p.rsplit('/').next().unwrap(), d.analysis.lines.line_of(fig.range.start)+1, &d.text[fig.range.clone()], f.unit, f.class, f.time,
              f.about.iter().map(|&i| d.mentions.mentions[i].surface.clone()).collect::<Vec<_>>(), f.scope, k.map(|k| k.entities.clone()));
        }
    }
}
