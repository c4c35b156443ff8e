//! Micro-benchmarks of the hot stages on one generated article (seed 42, 1k facts): sentence
//! splitting, entity lookup, number and date extraction, the whole extractor, alignment and
//! the fact checks. Run by hand with `cargo bench`; not part of CI. See docs/benchmarks.md.

#[path = "../examples/support/generate.rs"]
#[allow(dead_code, unused_imports)]
mod generate;

use factdiff::align::{AlignConfig, Aligner};
use factdiff::article::{Article, ArticleId};
use factdiff::claims::ArticleClaims;
use factdiff::extract::entities::EntityMatcher;
use factdiff::extract::{dates, numbers, sentences, tokens};
use factdiff::facts::FactFile;
use std::hint::black_box;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// One generated article and fact file, with what each stage needs built once.
struct Fixture {
    article: Article,
    facts: FactFile,
    matcher: EntityMatcher,
    aligner: Aligner,
    claims: ArticleClaims,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        generate::generate(dir.path(), 42, 20, 1_000).expect("corpus written");
        let facts = factdiff::load::read_fact_file(&dir.path().join("facts.yaml"), "facts.yaml")
            .expect("the generated fact file loads");
        let path = dir.path().join("articles").join(generate::article_name(0));
        let (article, _) = factdiff::load::read_article(
            &path,
            "a.md",
            ArticleId(0),
            &factdiff::load::LoadOptions::default(),
        )
        .expect("the generated article loads");
        let matcher = EntityMatcher::new(Some(&facts));
        let aligner = Aligner::new(&facts, &matcher, AlignConfig::default());
        let claims = factdiff::extract::extract(&article, &matcher);
        Fixture {
            article,
            facts,
            matcher,
            aligner,
            claims,
        }
    })
}

#[divan::bench]
fn sentence_split(b: divan::Bencher) {
    let text = &fixture().article.text;
    b.counter(divan::counter::BytesCount::of_str(text))
        .bench(|| sentences::split(black_box(text)));
}

#[divan::bench]
fn tokenize(b: divan::Bencher) {
    let text = &fixture().article.text;
    b.counter(divan::counter::BytesCount::of_str(text))
        .bench(|| tokens::tokenize(black_box(text)));
}

#[divan::bench]
fn entity_lookup(b: divan::Bencher) {
    let f = fixture();
    let toks: Vec<_> = sentences::split(&f.article.text)
        .into_iter()
        .map(|s| tokens::tokenize(&f.article.text[s.start..s.end]))
        .collect();
    b.bench(|| {
        toks.iter()
            .map(|t| f.matcher.find(black_box(t)).len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn entity_matcher_build(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| EntityMatcher::new(Some(black_box(&f.facts))));
}

#[divan::bench]
fn numbers(b: divan::Bencher) {
    let text = &fixture().article.text;
    b.counter(divan::counter::BytesCount::of_str(text))
        .bench(|| numbers::extract_quantities(black_box(text)));
}

#[divan::bench]
fn dates(b: divan::Bencher) {
    let f = fixture();
    let text = &f.article.text;
    b.counter(divan::counter::BytesCount::of_str(text))
        .bench(|| dates::extract_dates(black_box(text), f.article.meta.published, false));
}

#[divan::bench]
fn extract_article(b: divan::Bencher) {
    let f = fixture();
    b.counter(divan::counter::BytesCount::of_str(&f.article.text))
        .bench(|| factdiff::extract::extract(black_box(&f.article), &f.matcher));
}

#[divan::bench]
fn align(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| f.aligner.align(black_box(&f.claims)));
}

#[divan::bench]
fn check_article(b: divan::Bencher) {
    let f = fixture();
    let articles = std::slice::from_ref(&f.article);
    b.bench(|| {
        factdiff::commands::check::check_articles(
            black_box(articles),
            Some(&f.facts),
            AlignConfig::default(),
        )
    });
}
