package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

import dev.hourglass.inference.InferenceRequests.EncodeRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The heap a large body of numbers holds once read by the application's own mapper, as the /api/v1 bodies are:
 * a double per cell, not a node per cell. Measured as the heap in use after collections, in a JVM of its own
 * (the allocation group), so that nothing else the JVM does lands between the two readings.
 */
@Tag("allocation")
@WebMvcTest(controllers = InferenceController.class)
class RowsAllocationTests {

    @Autowired
    JsonMapper json;

    @MockitoBean
    Inference inference;

    /** {"instances": rows(count, width)}: integers and decimals as a client's pixels and measurements are. */
    private static byte[] body(int count, int width) {
        StringBuilder out = new StringBuilder("{\"instances\": [");
        for (int r = 0; r < count; r++) {
            out.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < width; c++) {
                out.append(c == 0 ? "" : ", ").append(c % 2 == 0 ? String.valueOf((r + c) % 256)
                        : String.valueOf((r * 7 + c) % 1000 / 8.0));
            }
            out.append(']');
        }
        return out.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long heapInUse() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aBodyOfTenThousandRowsOf784NumbersIsHeldInAboutEightBytesACell() {
        int count = 10_000;
        int width = 784;
        byte[] body = body(count, width);
        json.readValue(body(2, width), EncodeRequest.class);   // the deserializers built and cached beforehand

        long before = heapInUse();
        EncodeRequest request = json.readValue(body, EncodeRequest.class);
        long retained = heapInUse() - before;
        Reference.reachabilityFence(request);

        // 8 bytes a cell (a double) and a row's array header and integer flags; a tree holds a node of 16 or 24
        // bytes and a 4-byte reference per cell, 20 to 28 bytes
        long cells = (long) count * width;
        assertThat(retained).as("bytes held per cell: %.1f", (double) retained / cells).isLessThan(cells * 12);
    }
}
