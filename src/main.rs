use clap::Parser;

fn main() {
    let cli = crosscheck::cli::Cli::parse();
    std::process::exit(crosscheck::cli::run(cli));
}
