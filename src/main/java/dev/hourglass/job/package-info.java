/**
 * Training jobs: spec validation, submit and cancel, the db-scheduler queue and worker pool, progress
 * (polling view and Server-Sent Events). Depends on {@code dataset}, {@code model} and {@code engine}.
 */
package dev.hourglass.job;
