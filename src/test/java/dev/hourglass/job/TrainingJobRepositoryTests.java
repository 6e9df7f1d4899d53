package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import dev.hourglass.engine.spec.Variant;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The guarded updates of {@link TrainingJobRepository} against the Flyway schema (the test profile's H2 in
 * PostgreSQL mode, not a replacement database): each status verb moves a job only from the states its
 * guard names, only along an edge of {@link JobStatus#next()}, and together they make every edge; progress
 * and success are fenced by the attempt that {@code start} counts.
 */
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
class TrainingJobRepositoryTests {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    private static final UUID MODEL = UUID.fromString("9a0e3c55-5b7d-4f43-8a31-0c6d2e1f7b10");
    private static final int ATTEMPT = 2;

    @Autowired
    TrainingJobRepository jobs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestEntityManager entities;

    /** A repository verb that changes a job's status: where it moves the job, and from which states (its guard). */
    private record Verb(String name, JobStatus target, Set<JobStatus> guard,
            BiFunction<TrainingJobRepository, UUID, Integer> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Verb> VERBS = List.of(
            new Verb("start", JobStatus.RUNNING, EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING),
                    (r, id) -> r.start(id, "node-b", null, NOW)),
            new Verb("handBack", JobStatus.QUEUED, EnumSet.of(JobStatus.RUNNING),
                    (r, id) -> r.handBack(id, ATTEMPT, NOW)),
            new Verb("succeed", JobStatus.SUCCEEDED, EnumSet.of(JobStatus.RUNNING, JobStatus.CANCEL_REQUESTED),
                    (r, id) -> r.succeed(id, ATTEMPT, MODEL, null, NOW)),
            new Verb("fail", JobStatus.FAILED, EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.CANCEL_REQUESTED),
                    (r, id) -> r.fail(id, ATTEMPT, "boom", NOW)),
            new Verb("cancelQueued", JobStatus.CANCELLED, EnumSet.of(JobStatus.QUEUED),
                    (r, id) -> r.cancelQueued(id, NOW)),
            new Verb("requestCancel", JobStatus.CANCEL_REQUESTED, EnumSet.of(JobStatus.RUNNING),
                    (r, id) -> r.requestCancel(id, NOW)),
            new Verb("cancelRunning", JobStatus.CANCELLED, EnumSet.of(JobStatus.RUNNING, JobStatus.CANCEL_REQUESTED),
                    (r, id) -> r.cancelRunning(id, ATTEMPT, NOW)));

    /** One verb applied to a fresh job in one starting status: rows updated, and the status read back. */
    private record Outcome(Verb verb, JobStatus from, int updated, JobStatus after) {
    }

    /** A stored job in {@code status} at {@code attempt}, set behind JPA's back as a worker on another node would. */
    private UUID job(JobStatus status, int attempt) {
        UUID id = UUID.randomUUID();
        jobs.saveAndFlush(new TrainingJob(id, "job", UUID.randomUUID(), Variant.BASIC, "{}", 10, CREATED));
        jdbc.update("update training_job set status = ?, attempt = ? where id = ?", status.name(), attempt, id);
        entities.clear();
        return id;
    }

    private JobStatus statusOf(UUID id) {
        return JobStatus.valueOf(jdbc.queryForObject("select status from training_job where id = ?", String.class, id));
    }

    private TrainingJob read(UUID id) {
        entities.clear();
        return jobs.findById(id).orElseThrow();
    }

    /** Every verb on a job in every status (a fresh job each time). */
    private List<Outcome> everyVerbFromEveryStatus() {
        List<Outcome> outcomes = new ArrayList<>();
        for (Verb verb : VERBS) {
            for (JobStatus from : JobStatus.values()) {
                UUID id = job(from, ATTEMPT);
                int updated = verb.call().apply(jobs, id);
                outcomes.add(new Outcome(verb, from, updated, statusOf(id)));
            }
        }
        return outcomes;
    }

    @Test
    void eachVerbMovesAJobExactlyFromTheStatesItsGuardNames() {
        SoftAssertions softly = new SoftAssertions();
        for (Outcome o : everyVerbFromEveryStatus()) {
            if (o.verb().guard().contains(o.from())) {
                softly.assertThat(o.updated()).as("%s from %s updates the row", o.verb(), o.from()).isEqualTo(1);
                softly.assertThat(o.after()).as("%s from %s", o.verb(), o.from()).isEqualTo(o.verb().target());
            } else {
                softly.assertThat(o.updated()).as("%s from %s updates nothing", o.verb(), o.from()).isZero();
                softly.assertThat(o.after()).as("%s from %s leaves the status", o.verb(), o.from()).isEqualTo(o.from());
            }
        }
        softly.assertAll();
    }

    @Test
    void everyMoveAVerbMakesIsAnEdgeOfTheTransitionTable() {
        List<String> offTable = everyVerbFromEveryStatus().stream()
                .filter(o -> o.updated() == 1 && !o.from().canMoveTo(o.after()))
                .map(o -> o.verb() + ": " + o.from() + " → " + o.after())
                .toList();

        assertThat(offTable).as("moves that JobStatus.next() does not allow").isEmpty();
    }

    @Test
    void everyEdgeOfTheTransitionTableIsMadeByAVerb() {
        Set<String> made = new LinkedHashSet<>();
        for (Outcome o : everyVerbFromEveryStatus()) {
            if (o.updated() == 1) {
                made.add(o.from() + " → " + o.after());
            }
        }
        Set<String> table = new LinkedHashSet<>();
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : from.next()) {
                table.add(from + " → " + to);
            }
        }

        assertThat(made).as("edges some verb makes").containsAll(table);
    }

    @Test
    void noVerbMovesAJobOutOfATerminalStatus() {
        assertThat(everyVerbFromEveryStatus())
                .filteredOn(o -> o.from().isTerminal())
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.updated()).as("%s from %s", o.verb(), o.from()).isZero());
    }

    @Test
    void progressFromAStaleAttemptWritesNothing() {
        UUID id = job(JobStatus.RUNNING, ATTEMPT);

        assertThat(jobs.progress(id, ATTEMPT - 1, 4, "fine-tune", 0.4, 0.25, 60.0, NOW)).isZero();
        assertThat(read(id).getEpoch()).isZero();
        assertThat(read(id).getLastLoss()).isNull();

        assertThat(jobs.progress(id, ATTEMPT, 4, "fine-tune", 0.4, 0.25, 60.0, NOW)).isEqualTo(1);
        TrainingJob written = read(id);
        assertThat(written.getEpoch()).isEqualTo(4);
        assertThat(written.getPhase()).isEqualTo("fine-tune");
        assertThat(written.getProgress()).isEqualTo(0.4);
        assertThat(written.getLastLoss()).isEqualTo(0.25);
        assertThat(written.getEtaSeconds()).isEqualTo(60.0);
    }

    @Test
    void progressOfAJobThatIsNotRunningWritesNothingEvenFromTheCurrentAttempt() {
        for (JobStatus status : EnumSet.complementOf(EnumSet.of(JobStatus.RUNNING, JobStatus.CANCEL_REQUESTED))) {
            UUID id = job(status, ATTEMPT);
            assertThat(jobs.progress(id, ATTEMPT, 4, "fine-tune", 0.4, 0.25, 60.0, NOW)).as("%s", status).isZero();
        }
    }

    @Test
    void successFromAStaleAttemptWritesNothing() {
        for (JobStatus status : List.of(JobStatus.RUNNING, JobStatus.CANCEL_REQUESTED)) {
            UUID id = job(status, ATTEMPT);

            assertThat(jobs.succeed(id, ATTEMPT - 1, MODEL, null, NOW)).as("stale attempt from %s", status).isZero();
            assertThat(read(id).getStatus()).isEqualTo(status);
            assertThat(read(id).getModelId()).isNull();

            assertThat(jobs.succeed(id, ATTEMPT, MODEL, "early stopping", NOW)).as("current attempt from %s", status)
                    .isEqualTo(1);
            TrainingJob done = read(id);
            assertThat(done.getStatus()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(done.getModelId()).isEqualTo(MODEL);
            assertThat(done.getProgress()).isEqualTo(1.0);
            assertThat(done.getStopReason()).isEqualTo("early stopping");
            assertThat(done.getFinishedAt()).isEqualTo(NOW);
        }
    }

    @Test
    void startCountsAttemptsSoATakeoverFencesOutTheEarlierAttempt() {
        UUID id = job(JobStatus.QUEUED, 0);
        Instant later = NOW.plusSeconds(30);

        assertThat(jobs.start(id, "node-a", null, NOW)).isEqualTo(1);
        TrainingJob first = read(id);
        assertThat(first.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(first.getAttempt()).isEqualTo(1);
        assertThat(first.getNode()).isEqualTo("node-a");
        assertThat(first.getStartedAt()).isEqualTo(NOW);
        assertThat(first.getResumedFromEpoch()).isNull();

        // node-a stops heart-beating; node-b revives the job from its epoch-3 checkpoint
        assertThat(jobs.start(id, "node-b", 3, later)).isEqualTo(1);
        TrainingJob second = read(id);
        assertThat(second.getAttempt()).isEqualTo(2);
        assertThat(second.getNode()).isEqualTo("node-b");
        assertThat(second.getResumedFromEpoch()).isEqualTo(3);
        assertThat(second.getStartedAt()).as("the first start is kept").isEqualTo(NOW);

        assertThat(jobs.progress(id, 1, 4, "train", 0.4, 0.25, 60.0, later)).as("node-a's progress").isZero();
        assertThat(jobs.succeed(id, 1, MODEL, null, later)).as("node-a's model").isZero();
        assertThat(jobs.progress(id, 2, 4, "train", 0.4, 0.25, 60.0, later)).as("node-b's progress").isEqualTo(1);
        assertThat(jobs.succeed(id, 2, MODEL, null, later)).as("node-b's model").isEqualTo(1);
    }

    @Test
    void aSupersededAttemptCannotFailHandBackCancelOrCompleteTheJobItsSuccessorRuns() {
        for (JobStatus status : List.of(JobStatus.RUNNING, JobStatus.CANCEL_REQUESTED)) {
            UUID id = job(JobStatus.QUEUED, 0);
            assertThat(jobs.start(id, "node-a", null, NOW)).isEqualTo(1);
            // node-a misses its heartbeats; node-b re-claims the job: attempt 2 supersedes attempt 1
            assertThat(jobs.start(id, "node-b", 3, NOW.plusSeconds(30))).isEqualTo(1);
            jdbc.update("update training_job set status = ? where id = ?", status.name(), id);

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(jobs.fail(id, 1, "boom", NOW)).as("attempt 1 fails it, %s", status).isZero();
            softly.assertThat(jobs.handBack(id, 1, NOW)).as("attempt 1 re-queues it, %s", status).isZero();
            softly.assertThat(jobs.cancelRunning(id, 1, NOW)).as("attempt 1 cancels it, %s", status).isZero();
            softly.assertThat(jobs.succeed(id, 1, MODEL, null, NOW)).as("attempt 1 completes it, %s", status).isZero();
            softly.assertThat(jobs.progress(id, 1, 9, "train", 0.9, 0.1, 1.0, NOW)).as("attempt 1's progress").isZero();
            softly.assertAll();
            TrainingJob untouched = read(id);
            assertThat(untouched.getStatus()).isEqualTo(status);
            assertThat(untouched.getAttempt()).isEqualTo(2);
            assertThat(untouched.getNode()).isEqualTo("node-b");
            assertThat(untouched.getError()).isNull();
            assertThat(untouched.getFinishedAt()).isNull();

            // attempt 2 goes on as if attempt 1 never woke up
            assertThat(jobs.progress(id, 2, 4, "train", 0.4, 0.25, 60.0, NOW)).isEqualTo(1);
            if (status == JobStatus.RUNNING) {
                assertThat(jobs.handBack(id, 2, NOW)).as("attempt 2 hands it back").isEqualTo(1);
                assertThat(read(id).getStatus()).isEqualTo(JobStatus.QUEUED);
                assertThat(jobs.start(id, "node-b", 4, NOW)).isEqualTo(1);
                assertThat(jobs.fail(id, 3, "boom", NOW)).as("attempt 3 fails it").isEqualTo(1);
                assertThat(read(id).getStatus()).isEqualTo(JobStatus.FAILED);
            } else {
                assertThat(jobs.cancelRunning(id, 2, NOW)).as("attempt 2 cancels it").isEqualTo(1);
                assertThat(read(id).getStatus()).isEqualTo(JobStatus.CANCELLED);
            }
        }
    }
}
