use clap::Parser;

/// The binary's allocator (see Cargo.toml): the benchmarks use the same one.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = crosscheck::cli::Cli::parse();
    std::process::exit(crosscheck::cli::run(cli));
}
