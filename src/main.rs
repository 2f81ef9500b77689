fn main() {
    std::process::exit(cwh::cli::main());
}
