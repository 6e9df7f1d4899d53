package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.Models;
import dev.hourglass.system.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The single-flight model cache: a load that fails in any way is not left pending, and waiters do not wait forever. */
class ModelCacheTests {

    private static final UUID ID = UUID.fromString("9a0e3c55-5b7d-4f43-8a31-0c6d2e1f7b10");
    private static final LoadedModel MODEL = new LoadedModel(ID, null, null, null, null);

    private final Models models = mock(Models.class);

    @Test
    void aLoadThatThrowsAnErrorIsNotLeftPendingForTheNextRequest() {
        given(models.load(ID)).willThrow(new OutOfMemoryError("Java heap space")).willReturn(MODEL);
        ModelCache cache = new ModelCache(models, 4, Duration.ofSeconds(30));

        assertThatThrownBy(() -> cache.get(ID)).isInstanceOf(OutOfMemoryError.class);
        LoadedModel loaded = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> cache.get(ID),
                "the failed load's entry blocks the next request");

        assertThat(loaded).isSameAs(MODEL);
        verify(models, times(2)).load(ID);
    }

    @Test
    void aWaiterGivesUpAfterTheTimeoutWhileTheLoadGoesOn() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        given(models.load(ID)).willAnswer(invocation -> {
            loading.countDown();
            release.await();
            return MODEL;
        });
        ModelCache cache = new ModelCache(models, 4, Duration.ofMillis(200));
        CompletableFuture<LoadedModel> first = CompletableFuture.supplyAsync(() -> cache.get(ID));
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> cache.get(ID)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.typeUri().toString()).endsWith("/model-loading");
                    assertThat(e.retryAfterSeconds()).isNotNull();
                });

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isSameAs(MODEL);
        assertThat(cache.get(ID)).isSameAs(MODEL);
        verify(models, times(1)).load(ID);
    }
}
