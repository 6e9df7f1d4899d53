package dev.hourglass.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import dev.hourglass.dataset.DatasetUsage;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The job module's API: submit, read, cancel and follow training jobs. */
@Service
public class TrainingJobs implements DatasetUsage {

    private static final EnumSet<JobStatus> ACTIVE = EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING,
            JobStatus.CANCEL_REQUESTED);

    private final TrainingJobRepository jobs;
    private final Datasets datasets;
    private final JobQueue queue;
    private final TrainingWorker worker;
    private final JobViewMapper mapper;
    private final JobEvents events;
    private final TrainingSpecValidator validator;
    private final Clock clock;

    TrainingJobs(TrainingJobRepository jobs, Datasets datasets, JobQueue queue, TrainingWorker worker,
            JobViewMapper mapper, JobEvents events, WorkerProperties workers, Clock clock,
            @Value("${hourglass.limits.max-parameters:50000000}") long maxParameters) {
        this.jobs = jobs;
        this.datasets = datasets;
        this.queue = queue;
        this.worker = worker;
        this.mapper = mapper;
        this.events = events;
        this.validator = new TrainingSpecValidator(workers.effectiveThreadsPerJob(), maxParameters);
        this.clock = clock;
    }

    @Transactional
    public JobView submit(TrainingSpec request) {
        if (request == null || request.datasetId() == null) {
            throw ApiException.invalid("invalid-spec", "datasetId", "is required");
        }
        DatasetView dataset = datasets.get(request.datasetId());
        TrainingSpec spec = request.withDefaults();
        validator.validate(spec, dataset);
        TrainingJob job = new TrainingJob(UUID.randomUUID(), spec.name(), spec.datasetId(), spec.variant(),
                mapper.specJson(spec), spec.training().epochs(), clock.instant());
        job.setWarnings(warnings(spec, dataset));
        jobs.save(job);
        queue.enqueue(job.getId(), clock.instant());
        return mapper.view(job);
    }

    @Transactional(readOnly = true)
    public JobView get(UUID id) {
        return mapper.view(find(id));
    }

    @Transactional(readOnly = true)
    public JobPage list(int page, int size) {
        Page<TrainingJob> result = jobs.findAllByOrderByCreatedAtDesc(PageRequest.of(page, size));
        return new JobPage(result.map(mapper::view).getContent(), page, size, result.getTotalElements(),
                result.getTotalPages());
    }

    /**
     * A queued job is cancelled at once; a running one is asked to stop at its next mini-batch. A
     * finished job cannot be cancelled (409).
     */
    public JobView cancel(UUID id) {
        TrainingJob job = find(id);
        if (jobs.cancelQueued(id, clock.instant()) == 1) {
            queue.dequeue(id);
            JobView view = get(id);
            events.finished(view);
            return view;
        }
        if (jobs.requestCancel(id, clock.instant()) == 1) {
            worker.signalCancel(id);
            return get(id);
        }
        JobStatus status = jobs.statusOf(job.getId());
        if (status == JobStatus.CANCEL_REQUESTED) {
            return get(id);
        }
        throw ApiException.conflict("job-not-cancellable", "Job " + id + " is " + status + " and cannot be cancelled");
    }

    /** Progress as Server-Sent Events; a finished job's stream carries its terminal event and closes. */
    public SseEmitter events(UUID id) {
        find(id);
        SseEmitter emitter = events.subscribe(id);
        JobView view = get(id);
        if (view.status().isTerminal()) {
            JobEvents.sendTo(emitter, JobEvents.terminalEventName(view.status()), view, true);
        } else {
            JobEvents.sendTo(emitter, "progress", view, false);
        }
        return emitter;
    }

    @Override
    public boolean isInUse(UUID datasetId) {
        return jobs.existsByDatasetIdAndStatusIn(datasetId, ACTIVE);
    }

    private TrainingJob find(UUID id) {
        return jobs.findById(id).orElseThrow(() -> ApiException.notFound("job", id));
    }

    private static String warnings(TrainingSpec spec, DatasetView dataset) {
        List<String> warnings = new ArrayList<>();
        int code = spec.encoder().get(spec.encoder().size() - 1);
        if (code >= dataset.columns()) {
            warnings.add("Overcomplete code (" + code + " ≥ " + dataset.columns()
                    + " inputs) without a regularizer: the model can learn the identity and copy its input.");
        }
        return warnings.isEmpty() ? null : String.join("\n", warnings);
    }
}
