//! Every input in the committed fuzz corpus (`fuzz/corpus/TARGET/`), run through what its
//! target checks (`fuzz/checks.rs`): the inputs libFuzzer found interesting, and any that
//! once crashed, stay tests in the normal run on the stable toolchain.

#[path = "../../../fuzz/checks.rs"]
mod checks;

#[test]
fn every_input_in_the_fuzz_corpus_passes_its_target_s_checks() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    for (target, check) in checks::TARGETS {
        let dir = corpus.join(target);
        let inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|f| f.unwrap().path())
            .collect();
        assert!(!inputs.is_empty(), "{target} has no corpus");
        for input in inputs {
            let bytes = std::fs::read(&input).unwrap();
            if std::panic::catch_unwind(|| check(&bytes)).is_err() {
                panic!("{} fails its check", input.display());
            }
        }
    }
}
