package dev.hourglass.job;

import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Entity ↔ JSON: the stored spec, warnings and the client's view of a job. */
@Component
class JobViewMapper {

    private final JsonMapper json;

    JobViewMapper(JsonMapper json) {
        this.json = json;
    }

    String specJson(TrainingSpec spec) {
        return json.writeValueAsString(spec);
    }

    String specJson(TransformSpec spec) {
        return json.writeValueAsString(spec);
    }

    /** A training job's spec. */
    TrainingSpec spec(TrainingJob job) {
        return json.readValue(job.getSpec(), TrainingSpec.class);
    }

    /** A transform job's spec. */
    TransformSpec transform(TrainingJob job) {
        return json.readValue(job.getSpec(), TransformSpec.class);
    }

    JobView view(TrainingJob job) {
        List<String> warnings = job.getWarnings() == null || job.getWarnings().isBlank()
                ? List.of() : Arrays.asList(job.getWarnings().split("\n"));
        boolean transform = job.getKind() == JobKind.TRANSFORM;
        return new JobView(job.getId(), job.getName(), job.getKind(), job.getStatus(), job.getVariant(),
                job.getDatasetId(), job.getModelId(), job.getResultDatasetId(), job.getEpoch(), job.getEpochs(),
                job.getPhase(), job.getProgress(), job.getLastLoss(), job.getEtaSeconds(), job.getError(), warnings,
                job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt(), job.getAttempt(),
                job.getResumedFromEpoch(), job.getStopReason(), job.getNode(), transform ? null : spec(job),
                transform ? transform(job) : null);
    }
}
