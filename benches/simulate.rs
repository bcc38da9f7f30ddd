//! The simulator's speed: a simulated minute of the ecommerce load (3 million reads and 30,000
//! writes through the real model), with the 50,000-book library it starts from measured apart,
//! and the same minute with faults (`--duplicates 5 --crash-every 1000`), its end verified.

use std::hint::black_box;
use std::time::Duration;

use cqrs_catalog::sim::{Faults, Params, Simulation, preset};
use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

fn ecommerce() -> Params {
    preset("ecommerce").expect("a preset").params()
}

fn simulate(c: &mut Criterion) {
    let params = ecommerce();
    let reads = params.reads_per_sec * params.seconds;
    let mut group = c.benchmark_group("simulate ecommerce");
    // Each run takes about a second: the same few iterations per sample, not a growing count.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(15));

    group.bench_function("setup: 50,000 books cataloged", |b| {
        b.iter(|| black_box(Simulation::new(params.clone()).expect("valid")))
    });

    // Throughput in elements: criterion prints the reads per second.
    group.throughput(Throughput::Elements(reads));
    group.bench_function("the minute, after setup", |b| {
        b.iter_batched(
            || Simulation::new(params.clone()).expect("valid"),
            |mut sim| {
                sim.run_to_end();
                sim
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("setup and the minute, as simulate runs it", |b| {
        b.iter(|| black_box(Simulation::run(params.clone()).expect("valid")))
    });
    let faulty = Params {
        faults: Faults {
            duplicates: 5,
            crash_every_ms: 1_000,
            ..Faults::default()
        },
        ..params.clone()
    };
    group.bench_function(
        "setup and the minute, 5% duplicates, crashes every second",
        |b| b.iter(|| black_box(Simulation::run(faulty.clone()).expect("valid"))),
    );
    group.finish();
}

criterion_group!(benches, simulate);
criterion_main!(benches);
