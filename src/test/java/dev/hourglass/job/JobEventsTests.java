package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.hourglass.engine.spec.Variant;
import dev.hourglass.system.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams without a servlet container: emitters that record what they are sent, one of which stops
 * reading (its write blocks until the test lets it go).
 */
class JobEventsTests {

    private static final UUID JOB = UUID.fromString("6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00");
    private static final UUID OTHER_JOB = UUID.fromString("6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c01");

    /** An emitter that records the job views sent to it; a stalled one blocks in every write until released. */
    static class RecordingEmitter extends SseEmitter {
        final List<JobView> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch release;
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch terminal = new CountDownLatch(1);

        RecordingEmitter(boolean stalled) {
            super(JobEvents.STREAM_TIMEOUT_MS);
            this.release = new CountDownLatch(stalled ? 1 : 0);
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            builder.build().stream().map(ResponseBodyEmitter.DataWithMediaType::getData)
                    .filter(JobView.class::isInstance).map(JobView.class::cast).forEach(view -> {
                        sent.add(view);
                        if (view.status().isTerminal()) {
                            terminal.countDown();
                        }
                    });
        }

        List<Integer> epochs() {
            return sent.stream().map(JobView::epoch).toList();
        }
    }

    private final List<RecordingEmitter> made = new CopyOnWriteArrayList<>();
    private boolean nextStalled;
    private JobEvents events;

    private JobEvents events(int maxStreams, int maxPerJob) {
        events = new JobEvents(null, null, new LimitProperties(0, null, 0, maxStreams, maxPerJob), timeout -> {
            RecordingEmitter emitter = new RecordingEmitter(nextStalled);
            made.add(emitter);
            return emitter;
        });
        return events;
    }

    @AfterEach
    void releaseAndClose() {
        made.forEach(e -> e.release.countDown());
        if (events != null) {
            events.close();
        }
    }

    private RecordingEmitter subscribe(UUID job, boolean stalled) {
        nextStalled = stalled;
        events.subscribe(view(job, JobStatus.RUNNING, 0));
        return made.get(made.size() - 1);
    }

    static JobView view(UUID id, JobStatus status, int epoch) {
        return new JobView(id, "job", JobKind.TRAINING, status, Variant.BASIC, UUID.randomUUID(), null, null, epoch, 50,
                "train", epoch / 50.0, 0.1, null, null, List.of(), Instant.EPOCH, Instant.EPOCH, null, 1, null, null,
                "node-a", null, null);
    }

    @Test
    void aPollThatFindsTheJobAsItWasStartsNoFlightAndAChangeReachesEveryStream() throws InterruptedException {
        AtomicReference<JobView> stored = new AtomicReference<>(view(JOB, JobStatus.RUNNING, 0));
        TrainingJobRepository repository = mock(TrainingJobRepository.class);
        JobViewMapper mapper = mock(JobViewMapper.class);
        given(repository.findById(JOB)).willReturn(Optional.of(new TrainingJob()));
        given(mapper.view(any())).willAnswer(invocation -> stored.get());
        events = new JobEvents(repository, mapper, new LimitProperties(0, null, 0, 10, 10), timeout -> {
            RecordingEmitter emitter = new RecordingEmitter(false);
            made.add(emitter);
            return emitter;
        });
        List<RecordingEmitter> streams = List.of(subscribe(JOB, false), subscribe(JOB, false), subscribe(JOB, false));
        awaitNoFlight();
        events.pollDatabase();
        awaitNoFlight();
        long flights = events.flights();

        for (int poll = 0; poll < 5; poll++) {
            events.pollDatabase();
        }
        assertThat(events.flights()).as("flights after five polls that found nothing new").isEqualTo(flights);

        stored.set(view(JOB, JobStatus.SUCCEEDED, 50));
        events.pollDatabase();
        for (RecordingEmitter stream : streams) {
            assertThat(stream.terminal.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.epochs()).containsExactly(0, 50);
        }
        assertThat(events.flights()).isEqualTo(flights + streams.size());
    }

    /** Waits until every flight started has finished (a flight that ends may start the next itself). */
    private void awaitNoFlight() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.flightsEnded() < events.flights() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events.flightsEnded()).as("flights ended").isEqualTo(events.flights());
    }

    @Test
    void aClientThatStopsReadingDoesNotDelayAnotherStream() throws InterruptedException {
        events(10, 10);
        RecordingEmitter stalled = subscribe(JOB, true);
        RecordingEmitter reading = subscribe(JOB, false);
        assertThat(stalled.writing.await(10, TimeUnit.SECONDS)).as("the stalled client's first write started").isTrue();

        for (int epoch = 1; epoch <= 5; epoch++) {
            events.publish(view(JOB, JobStatus.RUNNING, epoch));
        }
        events.publish(view(JOB, JobStatus.SUCCEEDED, 5));

        assertThat(reading.terminal.await(10, TimeUnit.SECONDS)).as("the reading client got the end").isTrue();
        assertThat(reading.sent.get(reading.sent.size() - 1).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(stalled.sent).as("the stalled client is still in its first write").isEmpty();
    }

    @Test
    void aSlowStreamGetsOnlyTheLatestStateNotEveryStateItMissed() throws InterruptedException {
        events(10, 10);
        RecordingEmitter slow = subscribe(JOB, true);
        assertThat(slow.writing.await(10, TimeUnit.SECONDS)).isTrue();

        for (int epoch = 1; epoch <= 40; epoch++) {
            events.publish(view(JOB, JobStatus.RUNNING, epoch));
        }
        events.publish(view(JOB, JobStatus.SUCCEEDED, 50));
        slow.release.countDown();

        assertThat(slow.terminal.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(slow.epochs()).as("the first state, then the latest; the 40 in between were replaced")
                .containsExactly(0, 50);
    }

    @Test
    void aTerminalStateIsNotReplacedByAStaleProgressState() throws InterruptedException {
        events(10, 10);
        RecordingEmitter slow = subscribe(JOB, true);
        assertThat(slow.writing.await(10, TimeUnit.SECONDS)).isTrue();

        events.publish(view(JOB, JobStatus.SUCCEEDED, 7));
        events.publish(view(JOB, JobStatus.RUNNING, 6));   // read before the end, published after it
        slow.release.countDown();

        assertThat(slow.terminal.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(slow.sent).extracting(JobView::status).containsExactly(JobStatus.RUNNING, JobStatus.SUCCEEDED);
    }

    @Test
    void streamsOverTheNodesCapAreRefusedWithRetryAfterAndEndedOnesFreeTheirPlace() throws InterruptedException {
        events(2, 10);
        RecordingEmitter first = subscribe(JOB, false);
        subscribe(OTHER_JOB, false);

        assertThatThrownBy(() -> subscribe(OTHER_JOB, false)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(e.typeUri().toString()).endsWith("/" + JobEvents.TOO_MANY_STREAMS);
            assertThat(e.retryAfterSeconds()).isPositive();
            assertThat(e.getMessage()).contains("hourglass.limits.max-event-streams");
        });
        assertThat(events.openStreams()).isEqualTo(2);

        events.publish(view(JOB, JobStatus.CANCELLED, 0));
        assertThat(first.terminal.await(10, TimeUnit.SECONDS)).isTrue();
        awaitNoFlight();   // the flight removes its stream after the terminal write
        assertThat(events.openStreams()).as("the ended stream is removed").isEqualTo(1);
        subscribe(OTHER_JOB, false);
        assertThat(events.openStreams()).isEqualTo(2);
    }

    @Test
    void streamsOverAJobsCapAreRefusedWhileOtherJobsCanStillBeFollowed() {
        events(10, 2);
        subscribe(JOB, false);
        subscribe(JOB, false);

        assertThatThrownBy(() -> subscribe(JOB, false)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(e.getMessage()).contains("max-event-streams-per-job");
        });
        subscribe(OTHER_JOB, false);
        assertThat(events.openStreams()).isEqualTo(3);
    }

    @Test
    void aStreamWhoseClientWentAwayIsRemoved() throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        RecordingEmitter[] broken = new RecordingEmitter[1];
        events = new JobEvents(null, null, new LimitProperties(0, null, 0, 10, 10), timeout -> {
            broken[0] = new RecordingEmitter(false) {
                @Override
                public void send(SseEventBuilder builder) throws IOException {
                    writing.countDown();
                    throw new IOException("Broken pipe");
                }

                @Override
                public void completeWithError(Throwable ex) {
                    ended.countDown();   // called once the stream was removed
                }
            };
            return broken[0];
        });
        events.subscribe(view(JOB, JobStatus.RUNNING, 0));
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the failed write ended the stream").isTrue();
        assertThat(events.openStreams()).isZero();
        events.publish(view(JOB, JobStatus.RUNNING, 1));
        assertThat(events.openStreams()).as("a later state does not bring it back").isZero();
    }
}
