//! The GitHub Actions workflow reader: each run as the runner executes it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_syntax::workflow::read_workflow;

fuzz_target!(|text: &str| {
    let wf = read_workflow(text);
    for job in &wf.jobs {
        for step in &job.steps {
            if let Some(run) = &step.run {
                let _ = run.lines().len();
            }
        }
    }
});
