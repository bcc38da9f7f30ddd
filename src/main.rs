//! cqrs-catalog: parse the command line, dispatch, and turn errors into exit codes in one place.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use cqrs_catalog::classroom::{notes, results};
use cqrs_catalog::tui::home::Home;
use cqrs_catalog::tui::tour;
use cqrs_catalog::{UsageError, cli, config, error, launch, output, plain, sim, tui};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let options = launch::Options {
        content: cli.content.as_deref(),
        quizzes: cli.quizzes.as_deref(),
        theme: cli.theme,
        mouse: cli.mouse,
        seed: match &cli.command {
            Some(cli::Command::Tour { seed, .. }) => *seed,
            _ => None,
        },
    };
    let result = match cli.command {
        Some(cli::Command::Run { file, json }) => plain::run(&file, json),
        Some(cli::Command::Check) => plain::check(cli.content.as_deref(), cli.quizzes.as_deref()),
        Some(cli::Command::Quiz {
            id,
            plain: true,
            seed,
            name,
            results,
        }) => plain::quiz::with_defaults(seed, name, results).and_then(|(seed, class)| {
            let class = class.as_ref().map(|(name, results)| plain::quiz::Class { name, results });
            plain::quiz::quiz(&options, id.as_deref(), seed, class)
        }),
        Some(cli::Command::Quiz { name, results, .. }) if name.is_some() || results.is_some() => {
            Err(UsageError(
                "--name and --results record a class's answers with --plain: `quiz ID --plain --name NAME --results FILE`".into(),
            )
            .into())
        }
        Some(cli::Command::Quiz { id, seed, .. }) => config::load().and_then(|loaded| {
            // --seed beats the config's seed, as in the plain mode.
            let seed = seed.or(loaded.config.defaults.seed);
            launch::open(&options, |content, _| {
                tui::quiz::first_screen(content, id.as_deref(), seed)
            })
        }),
        Some(cli::Command::Tour {
            lesson,
            markdown,
            html,
            answers,
            teacher,
            full,
            ..
        }) if markdown || html => launch::content(&options).and_then(|content| {
            let handout = plain::markdown::Handout {
                lesson: lesson.as_deref(),
                full,
                teacher,
                // `print` decides, from whether the key has a file of its own.
                separate_key: false,
            };
            let format = if html {
                plain::markdown::Format::Html
            } else {
                plain::markdown::Format::Markdown
            };
            plain::markdown::print(&content, handout, format, answers.as_deref())
        }),
        Some(cli::Command::Tour {
            answers,
            teacher,
            full,
            plain,
            ..
        }) if answers.is_some() || teacher || (full && !plain) => Err(UsageError(
            "cqrs-catalog: --answers, --teacher and --full shape a printed tour: `tour --markdown`, `tour --html` (or `tour --plain --full`)".into(),
        )
        .into()),
        Some(cli::Command::Tour {
            lesson,
            step,
            plain: true,
            full,
            ..
        }) => launch::content(&options).and_then(|content| {
            let selection = plain::tour::Selection {
                lesson: lesson.as_deref(),
                step,
                full,
            };
            plain::tour::print(&content, selection)
        }),
        Some(cli::Command::Tour {
            lesson,
            step,
            present,
            autoplay,
            autoplay_questions,
            looping,
            ..
        }) => config::load().and_then(|loaded| {
            // --autoplay beats the config's default; 0 means wait for a key.
            let seconds = autoplay.unwrap_or(loaded.config.defaults.autoplay);
            let presenter = present.then(|| {
                let every = (seconds > 0).then(|| Duration::from_secs(seconds.into()));
                // Questions wait for the room unless given a dwell of their own.
                let questions = autoplay_questions
                    .filter(|&s| s > 0)
                    .map(|s| Duration::from_secs(s.into()));
                tour::present::Presenter::new(every, looping).questions(questions)
            });
            launch::open(&options, |content, progress| {
                tour::start(content, progress, lesson.as_deref(), step, presenter)
            })
        }),
        Some(cli::Command::Sandbox { from }) => launch::open(&options, |content, _| {
            tui::sandbox::start(content, from.as_deref())
        }),
        Some(cli::Command::Simulate(args)) => {
            if args.json || args.plain || !std::io::stdout().is_terminal() {
                sim::report::simulate(&args)
            } else {
                launch::open(&options, |_, _| {
                    let params = sim::report::params_from(&args)
                        .map_err(|e| UsageError(format!("simulate: {e}")))?;
                    let screen = tui::simulate::Simulate::new(params)
                        .map_err(|e| UsageError(format!("simulate: {e}")))?;
                    Ok(Box::new(screen))
                })
            }
        }
        Some(cli::Command::Progress { reset: true, yes }) => plain::progress::reset(yes),
        Some(cli::Command::Progress { reset: false, .. }) => {
            launch::content(&options).and_then(|content| plain::progress::show(&content))
        }
        Some(cli::Command::Config { example }) => config::print(example, cli.theme),
        Some(cli::Command::Notes { once }) => notes::run(once),
        Some(cli::Command::Results { file, csv }) => {
            results::report(&file, cli.quizzes.as_deref(), csv)
        }
        None => launch::open(&options, |_, _| Ok(Box::new(Home::new()))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            output::print_err(&format!("{}\n", error::render(&err)));
            ExitCode::from(error::exit_code(&err))
        }
    }
}
