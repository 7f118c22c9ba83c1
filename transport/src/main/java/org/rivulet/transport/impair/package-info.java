/**
 * Network impairment for tests: {@link org.rivulet.transport.impair.ImpairmentHandler} drops, duplicates,
 * delays and reorders packets in a pipeline with seeded, repeatable decisions, in place of {@code tc netem},
 * which these machines lack (RELIABILITY.md section 3.4). It is a test tool that lives in main code so
 * that component and interop tests of every module can put it in real pipelines.
 */
package org.rivulet.transport.impair;
