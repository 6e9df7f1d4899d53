package dev.hourglass.system;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.hourglass.support.Api.JSON;

/**
 * Generates hostile requests for one operation of the OpenAPI document: bad path ids, bad query values, bad
 * headers, broken and oversized bodies, every property of the body given the wrong type or a huge value, required
 * fields left out, unknown fields added, upload bombs, and seeded random one-field mutations of a valid body.
 */
final class HostileRequests {

    /** One request to send; {@code summary} names what is hostile about it in a failure report. */
    record Hostile(String method, String path, Map<String, String> headers, byte[] body, String summary) {
    }

    /** An operation of the document and where its valid ids and bodies come from. */
    record Operation(String method, String template, JsonNode spec) {
        String key() {
            return method + " " + template;
        }
    }

    /** Valid ids and bodies the fuzzed requests start from, so that mutations reach deep code paths. */
    record Fixtures(String datasetId, String jobId, String modelId, String vaeId, byte[] modelFile,
                    Map<String, String> validBodies, long maxJsonBody) {
    }

    /** Raw JSON values that are the wrong type, out of range or huge for almost any property. */
    static final List<String> HOSTILE_VALUES = List.of(
            "\"x\"", "\"\"", "1.5", "-1", "0", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "2147483648", "-2147483649", "1e309", "-1e309", "4.9e-325", "NaN", "Infinity", "-Infinity", "true", "null",
            "[]", "{}", "[null]", "[[]]", "[[[1]]]", "{\"a\":1}", "[\"x\",\"y\"]", "1" + "0".repeat(400),
            "\"" + "9".repeat(400) + "\"", "\"\\u0000\"", "\"not-a-uuid\"", "[" + "1,".repeat(5000) + "1]",
            "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));

    static final List<String> BAD_IDS = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
            "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "123", "%20", "-1", "x".repeat(5000), "%00",
            "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b0", "..%2F..", "%E2%82", "null", "1e309", "%7B%7D");

    static final List<String> BAD_QUERY_VALUES = List.of("-1", "0", "1", "1000000000", "30000000",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "abc", "", "NaN", "1.5", "1e9",
            "0x10", "%00", "x".repeat(5000), "not-a-uuid", "%E2%82");

    static final List<String> BAD_ACCEPTS = List.of("application/xml", "text/html", "image/png", "garbage",
            "application/json;q=abc", "text/event-stream", "application/octet-stream", "*/*;q=0");

    static final List<String> BAD_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "garbage/", "garbage", "application/json; charset=ebcdic",
            "multipart/form-data", "multipart/form-data; boundary=", "application/problem+json", "image/png");

    private static final String PLACEHOLDER = "\"\u0001HOSTILE\u0001\"";

    private final Fixtures fixtures;
    private final Random random;
    private final JsonNode components;

    HostileRequests(Fixtures fixtures, Random random, JsonNode document) {
        this.fixtures = fixtures;
        this.random = random;
        this.components = document.path("components").path("schemas");
    }

    /** Every hostile request for {@code op}, deterministic given the seed. */
    List<Hostile> generate(Operation op, int randomMutations) {
        List<Hostile> out = new ArrayList<>();
        Consumer<Hostile> add = out::add;
        String validPath = resolve(op.template(), validId(op.template()));
        Map<String, String> validQuery = validQuery(op);

        // path ids
        if (op.template().contains("{id}")) {
            for (String bad : BAD_IDS) {
                add.accept(request(op, resolve(op.template(), bad), validQuery, Map.of(), "bad id " + abbreviate(bad)));
            }
            add.accept(request(op, resolve(op.template(), new UUID(random.nextLong(), random.nextLong()).toString()), validQuery, Map.of(),
                    "unknown id"));
            for (String other : List.of(fixtures.datasetId(), fixtures.jobId(), fixtures.modelId())) {
                add.accept(request(op, resolve(op.template(), other), validQuery, Map.of(), "id of another kind"));
            }
        }
        // query parameters, one at a time and all at once
        for (JsonNode parameter : op.spec().path("parameters")) {
            if (!parameter.path("in").asString().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asString();
            for (String bad : BAD_QUERY_VALUES) {
                Map<String, String> query = new LinkedHashMap<>(validQuery);
                query.put(name, bad);
                add.accept(request(op, validPath, query, Map.of(), "query " + name + "=" + abbreviate(bad)));
            }
        }
        if (!validQuery.isEmpty() || op.spec().path("parameters").toString().contains("\"query\"")) {
            Map<String, String> all = new LinkedHashMap<>();
            for (JsonNode parameter : op.spec().path("parameters")) {
                if (parameter.path("in").asString().equals("query")) {
                    all.put(parameter.path("name").asString(), "30000000");
                }
            }
            add.accept(request(op, validPath, all, Map.of(), "every query parameter 30000000"));
            all.replaceAll((k, v) -> "-1");
            add.accept(request(op, validPath, all, Map.of(), "every query parameter -1"));
            Map<String, String> repeated = new LinkedHashMap<>(validQuery);
            repeated.put("page", "0&page=1&page=x");
            add.accept(request(op, validPath, repeated, Map.of(), "repeated page"));
        }
        // header parameters (Idempotency-Key)
        for (JsonNode parameter : op.spec().path("parameters")) {
            if (parameter.path("in").asString().equals("header")) {
                String name = parameter.path("name").asString();
                for (String bad : List.of("", " ", "x".repeat(10_000), "\u00e9t\u00e9", "a\tb")) {
                    Hostile valid = validBodyRequest(op, validPath, validQuery, "header " + name + "="
                            + abbreviate(bad));
                    Map<String, String> headers = new LinkedHashMap<>(valid.headers());
                    headers.put(name, bad);
                    add.accept(new Hostile(valid.method(), valid.path(), headers, valid.body(), valid.summary()));
                }
            }
        }
        // Accept headers
        for (String accept : BAD_ACCEPTS) {
            Hostile valid = validBodyRequest(op, validPath, validQuery, "Accept: " + accept);
            Map<String, String> headers = new LinkedHashMap<>(valid.headers());
            headers.put("Accept", accept);
            add.accept(new Hostile(valid.method(), valid.path(), headers, valid.body(), valid.summary()));
        }
        JsonNode content = op.spec().path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            // a body where none belongs
            add.accept(new Hostile(op.method(), withQuery(validPath, validQuery), Map.of("Content-Type",
                    "application/json"), "{\"x\":[[1]]}".getBytes(StandardCharsets.UTF_8), "unexpected body"));
            add.accept(new Hostile(op.method(), withQuery(validPath, validQuery), Map.of("Content-Type",
                    "application/json"), new byte[(int) fixtures.maxJsonBody() + 1], "unexpected oversized body"));
        }
        if (content.has("application/json")) {
            jsonBodies(op, validPath, validQuery, content.path("application/json").path("schema"), randomMutations, add);
        }
        if (content.has("multipart/form-data")) {
            multipartBodies(op, validPath, validQuery, add);
        }
        if (content.isMissingNode() || content.isEmpty()) {
            // random query mutations stand in for body mutations
            for (int i = 0; i < randomMutations; i++) {
                Map<String, String> query = new LinkedHashMap<>(validQuery);
                query.put(i % 3 == 0 ? randomWord() : pickQueryName(op), randomQueryValue());
                String path = random.nextInt(4) == 0 ? resolve(op.template(), randomWord()) : validPath;
                add.accept(request(op, path, query, Map.of(), "random query " + query));
            }
        }
        return out;
    }

    private void jsonBodies(Operation op, String path, Map<String, String> query, JsonNode schemaRef,
                            int randomMutations, Consumer<Hostile> add) {
        String url = withQuery(path, query);
        String valid = validJson(schemaRef);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        Consumer<byte[]> send = bytes -> add.accept(new Hostile(op.method(), url, json, bytes, abbreviate(
                new String(bytes, StandardCharsets.UTF_8))));
        for (String body : List.of("", "null", "[]", "{}", "\"x\"", "1", "true", "{", "{\"a\":", "[[[",
                "{\"a\":1}}", "{} {}", "\u0000", "{\"\":null}", "{\"a\":1,\"a\":2}", valid + valid,
                valid.substring(0, valid.length() / 2), valid.substring(0, valid.length() - 1),
                "[".repeat(10_000) + "]".repeat(10_000), "{\"x\":".repeat(10_000) + "1" + "}".repeat(10_000))) {
            send.accept(body.getBytes(StandardCharsets.UTF_8));
        }
        // invalid UTF-8 inside a string and as the whole body
        send.accept(concat("{\"name\":\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28,
                (byte) 0xFF, (byte) 0xFE}, "\"}".getBytes(StandardCharsets.UTF_8)));
        send.accept(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD});
        // oversized: over max-json-body, and a 1 MB string in a valid body
        byte[] oversized = new byte[(int) fixtures.maxJsonBody() + 10];
        java.util.Arrays.fill(oversized, (byte) ' ');
        oversized[0] = '[';
        oversized[oversized.length - 1] = ']';
        send.accept(oversized);
        add.accept(new Hostile(op.method(), url, json, ("{\"name\":\"" + "n".repeat(1 << 20) + "\"}")
                .getBytes(StandardCharsets.UTF_8), "1 MB string"));
        // bad content types for a valid body
        for (String type : BAD_CONTENT_TYPES) {
            add.accept(new Hostile(op.method(), url, Map.of("Content-Type", type), valid.getBytes(StandardCharsets.UTF_8),
                    "Content-Type: " + type));
        }
        add.accept(new Hostile(op.method(), url, Map.of(), valid.getBytes(StandardCharsets.UTF_8), "no Content-Type"));

        JsonNode tree = JSON.readTree(valid);
        // each field of the valid body, and each property of its schema, given each hostile value
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(tree, new ArrayList<>(), paths);
        // every hostile value at the top-level fields; a seeded third of them deeper down, to keep the run short
        for (List<Object> at : paths) {
            for (String value : HOSTILE_VALUES) {
                if (at.size() == 1 || random.nextInt(3) == 0) {
                    send.accept(mutate(tree, at, value).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        JsonNode schema = resolveSchema(schemaRef);
        for (String property : schema.path("properties").propertyNames()) {
            if (tree.has(property)) {
                continue;
            }
            for (int i = 0; i < 6; i++) {
                String value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
                send.accept(mutate(tree, List.of(property), value).getBytes(StandardCharsets.UTF_8));
            }
            JsonNode nested = resolveSchema(schema.path("properties").path(property));
            for (String inner : nested.path("properties").propertyNames()) {
                String value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
                send.accept(mutate(tree, List.of(property), "{\"" + inner + "\":" + value + "}")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        // each field left out, unknown fields added
        if (tree instanceof ObjectNode object) {
            for (String field : object.propertyNames()) {
                ObjectNode without = object.deepCopy();
                without.remove(field);
                send.accept(JSON.writeValueAsBytes(without));
            }
            for (String unknown : List.of("encodr", "epoch", "zz", "", "datasetid", "INSTANCES")) {
                ObjectNode with = object.deepCopy();
                with.put(unknown, 1);
                send.accept(JSON.writeValueAsBytes(with));
            }
        }
        // seeded random mutations of one field at a time
        for (int i = 0; i < randomMutations; i++) {
            List<Object> at = paths.isEmpty() ? List.of(randomWord()) : paths.get(random.nextInt(paths.size()));
            send.accept(mutate(tree, at, randomJson(3)).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void multipartBodies(Operation op, String path, Map<String, String> query, Consumer<Hostile> add) {
        String url = withQuery(path, query);
        boolean modelImport = op.template().endsWith("/import");
        List<Multipart> bodies = new ArrayList<>();
        bodies.add(new Multipart("no file part").field("name", "x"));
        bodies.add(new Multipart("no parts at all"));
        bodies.add(new Multipart("empty file").file("file", "x.csv", new byte[0]));
        bodies.add(new Multipart("file without a name").file("file", "", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Multipart("two files").file("file", "a.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8))
                .file("file", "b.csv", "b\n2\n".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Multipart("invalid UTF-8 csv").file("file", "x.csv", new byte[] {'a', ',', (byte) 0xC3, 0x28,
                '\n', (byte) 0xFF, ',', '1', '\n'}));
        bodies.add(new Multipart("random bytes").file("file", "x.bin", randomBytes(4096)));
        bodies.add(new Multipart("gzip magic only").file("file", "x.csv.gz", new byte[] {0x1f, (byte) 0x8b}));
        bodies.add(new Multipart("truncated gzip").file("file", "x.csv.gz",
                java.util.Arrays.copyOf(gzip(out -> out.write("a,b\n1,2\n".repeat(100).getBytes())), 30)));
        long bomb = 4 * 1024 * 1024;
        bodies.add(new Multipart("gzip bomb of zeros").file("file", "x.csv.gz", gzip(out -> {
            out.write("a\n".getBytes());
            zeros(out, bomb);
        })));
        bodies.add(new Multipart("gzip bomb, one giant field").file("file", "x.csv.gz", gzip(out -> {
            out.write("a\n".getBytes());
            ones(out, bomb);
        })));
        bodies.add(new Multipart("gzip bomb, blank lines").file("file", "x.csv.gz", gzip(out -> {
            out.write("a\n1\n".getBytes());
            byte[] lines = new byte[8192];
            java.util.Arrays.fill(lines, (byte) '\n');
            for (long n = 0; n < bomb; n += lines.length) {
                out.write(lines);
            }
        })));
        bodies.add(new Multipart("json gzip bomb").file("file", "x.json.gz", gzip(out -> {
            out.write("{\"name\":\"".getBytes());
            ones(out, bomb);
            out.write("\"}".getBytes());
        })));
        bodies.add(new Multipart("idx gzip bomb").file("file", "x.idx.gz", gzip(out -> {
            out.write(new byte[] {0, 0, 8, 3, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, (byte) 0xff,
                    (byte) 0xff, (byte) 0xff, 0, 0, 0, 1});
            zeros(out, bomb);
        })));
        bodies.add(new Multipart("csv, 10000 columns of one row").file("file", "x.csv",
                ("c,".repeat(9_999) + "c\n" + "1,".repeat(9_999) + "1\n").getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Multipart("bad format field").field("format", "xml").file("file", "x.csv",
                "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Multipart("bad schema field").field("schema", "{\"a\":").file("file", "x.csv",
                "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Multipart("schema of wrong types").field("schema", "{\"a\":[1]}").file("file", "x.csv",
                "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Multipart("long name").field("name", "n".repeat(10_000)).file("file", "x.csv",
                "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Multipart("unknown label column").field("labelColumn", "zz").file("file", "x.csv",
                "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Multipart("labels not IDX1").field("format", "idx").file("labels", "l.idx", randomBytes(64))
                .file("file", "x.idx", new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 5}));
        bodies.add(new Multipart("idx declaring 2^31 rows").file("file", "x.idx", new byte[] {0, 0, 8, 3, 0x7f,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, 1, 2, 3}));
        bodies.add(new Multipart("idx of doubles declaring huge dims").file("file", "x.idx", new byte[] {0, 0, 0x0E,
                4, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 2}));
        // model file bombs: small headers that declare huge networks, and a real file cut short or corrupted
        for (byte[] bombFile : modelBombs()) {
            bodies.add(new Multipart("model bomb " + bombFile.length + " bytes").file("file", "m.hgae", bombFile));
        }
        byte[] real = fixtures.modelFile();
        for (int i = 0; i < 12; i++) {
            int cut = random.nextInt(real.length);
            bodies.add(new Multipart("model file cut at " + cut).file("file", "m.hgae",
                    java.util.Arrays.copyOf(real, cut)));
            byte[] flipped = real.clone();
            int at = random.nextInt(Math.min(flipped.length, 400));
            flipped[at] = (byte) random.nextInt(256);
            bodies.add(new Multipart("model file byte " + at + " changed").file("file", "m.hgae", flipped));
        }
        bodies.add(new Multipart("over the multipart limit").file("file", "x.csv", new byte[3 * 1024 * 1024 + 7]));
        bodies.add(new Multipart("wrong file part name").file("upload", modelImport ? "m.hgae" : "x.csv",
                modelImport ? real : "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        for (Multipart body : bodies) {
            add.accept(new Hostile(op.method(), url, Map.of("Content-Type", body.contentType()), body.bytes(),
                    body.summary));
        }
        // broken multipart framing
        Multipart ok = new Multipart("").file("file", "x.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        byte[] framed = ok.bytes();
        add.accept(new Hostile(op.method(), url, Map.of("Content-Type", ok.contentType()),
                java.util.Arrays.copyOf(framed, framed.length / 2), "multipart cut in half"));
        add.accept(new Hostile(op.method(), url, Map.of("Content-Type", "multipart/form-data; boundary=other"),
                framed, "multipart with the wrong boundary"));
        add.accept(new Hostile(op.method(), url, Map.of("Content-Type", "multipart/form-data"), framed,
                "multipart without a boundary"));
        add.accept(new Hostile(op.method(), url, Map.of("Content-Type", ok.contentType()), new byte[0],
                "multipart with an empty body"));
        add.accept(new Hostile(op.method(), url, Map.of("Content-Type", "application/json"),
                "{\"file\":\"x\"}".getBytes(StandardCharsets.UTF_8), "JSON to a multipart operation"));
    }

    /**
     * Model files of about 60 bytes whose header declares huge widths, counts or lengths (format in
     * model/ModelArtifactCodec): each must be refused before anything of that size is allocated.
     */
    List<byte[]> modelBombs() {
        List<byte[]> bombs = new ArrayList<>();
        int big = Integer.MAX_VALUE;
        bombs.add(modelHeader(big, new int[] {big}, new int[] {-1}, -1, -1));
        bombs.add(modelHeader(65_536, new int[] {65_536, 65_536}, new int[] {-1}, -1, -1));
        bombs.add(modelHeader(1 << 20, new int[] {1 << 12}, new int[] {-1}, -1, -1));
        bombs.add(modelHeader(4, new int[] {-5}, new int[] {-1}, -1, -1));
        bombs.add(modelHeader(-4, new int[] {2}, new int[] {-1}, -1, -1));
        bombs.add(modelHeader(4, new int[] {2}, new int[] {big}, -1, -1));
        bombs.add(modelHeader(4, new int[] {2}, new int[] {-1}, big, -1));
        bombs.add(modelHeader(4, new int[] {2}, new int[] {-1}, -1, big));
        bombs.add(modelHeader(46_341, new int[] {46_341}, new int[] {-1}, -1, -1));
        // an encoder count of 2^31 - 1
        bombs.add(bytes(out -> {
            out.writeInt(0x48474145);
            out.writeInt(4);
            out.writeInt(2);
            out.write("{}".getBytes());
            out.writeInt(4);
            out.writeInt(big);
        }));
        // a spec JSON declared 2 GB long
        bombs.add(bytes(out -> {
            out.writeInt(0x48474145);
            out.writeInt(4);
            out.writeInt(big);
        }));
        for (int version : new int[] {0, 1, 2, 3, 5, -1, big}) {
            bombs.add(bytes(out -> {
                out.writeInt(0x48474145);
                out.writeInt(version);
                out.writeInt(2);
                out.write("{}".getBytes());
                out.writeInt(4);
                out.writeInt(1);
                out.writeInt(big);
            }));
        }
        return bombs;
    }

    /** A version 4 header, then a normalizer declared {@code normalizerBytes} long, then nothing. */
    private static byte[] modelHeader(int inputDim, int[] encoder, int[] decoder, int names, int normalizerBytes) {
        return bytes(out -> {
            out.writeInt(0x48474145);
            out.writeInt(4);
            out.writeInt(2);
            out.write("{}".getBytes());
            out.writeInt(inputDim);
            out.writeInt(encoder.length);
            for (int w : encoder) {
                out.writeInt(w);
            }
            if (decoder.length == 1 && decoder[0] == -1) {
                out.writeInt(-1);
            } else {
                out.writeInt(decoder.length);
                for (int w : decoder) {
                    out.writeInt(w);
                }
            }
            out.writeUTF("RELU");
            out.writeUTF("SIGMOID");
            out.writeBoolean(false);
            out.writeBoolean(false);
            out.writeUTF("RELU");
            out.writeInt(names);
            out.writeBoolean(false);
            out.writeBoolean(false);
            out.writeBoolean(false);
            out.writeInt(normalizerBytes);
            out.writeInt(1);
            out.writeInt(Integer.MAX_VALUE);
        });
    }

    // --- valid requests ----------------------------------------------------------------------------------------

    private Hostile validBodyRequest(Operation op, String path, Map<String, String> query, String summary) {
        JsonNode content = op.spec().path("requestBody").path("content");
        if (content.has("application/json")) {
            return new Hostile(op.method(), withQuery(path, query), Map.of("Content-Type", "application/json"),
                    validJson(content.path("application/json").path("schema")).getBytes(StandardCharsets.UTF_8),
                    summary);
        }
        if (content.has("multipart/form-data")) {
            Multipart body = op.template().endsWith("/import")
                    ? new Multipart(summary).file("file", "m.hgae", fixtures.modelFile())
                    : new Multipart(summary).file("file", "x.csv", "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
            return new Hostile(op.method(), withQuery(path, query), Map.of("Content-Type", body.contentType()),
                    body.bytes(), summary);
        }
        return request(op, path, query, Map.of(), summary);
    }

    private String validJson(JsonNode schemaRef) {
        String name = schemaName(schemaRef);
        String body = fixtures.validBodies().get(name);
        return body != null ? body : fromSchema(resolveSchema(schemaRef), 0).toString();
    }

    /** A plausible value for a schema with no hand-written example (a schema added after this test was). */
    private JsonNode fromSchema(JsonNode schema, int depth) {
        if (schema.has("example")) {
            return schema.path("example");
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString()
                : schema.path("type").asString("object");
        return switch (type) {
            case "string" -> JSON.getNodeFactory().stringNode(schema.path("format").asString().equals("uuid")
                    ? fixtures.datasetId() : "x");
            case "integer", "number" -> JSON.getNodeFactory().numberNode(1);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode().add(fromSchema(resolveSchema(schema.path("items")), depth + 1));
            default -> {
                ObjectNode object = JSON.createObjectNode();
                if (depth < 3) {
                    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                        object.set(p.getKey(), fromSchema(resolveSchema(p.getValue()), depth + 1));
                    }
                }
                yield object;
            }
        };
    }

    private String validId(String template) {
        if (template.startsWith("/api/v1/datasets")) return fixtures.datasetId();
        if (template.startsWith("/api/v1/jobs")) return fixtures.jobId();
        // sample needs a variational model; the others take either
        if (template.endsWith("/sample") || random.nextBoolean()) return fixtures.vaeId();
        return fixtures.modelId();
    }

    private Map<String, String> validQuery(Operation op) {
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode parameter : op.spec().path("parameters")) {
            if (parameter.path("in").asString().equals("query") && parameter.path("required").asBoolean()) {
                String name = parameter.path("name").asString();
                query.put(name, name.toLowerCase().endsWith("id") ? fixtures.datasetId() : "1");
            }
        }
        return query;
    }

    private String pickQueryName(Operation op) {
        List<String> names = new ArrayList<>();
        for (JsonNode parameter : op.spec().path("parameters")) {
            if (parameter.path("in").asString().equals("query")) {
                names.add(parameter.path("name").asString());
            }
        }
        return names.isEmpty() ? randomWord() : names.get(random.nextInt(names.size()));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Hostile request(Operation op, String path, Map<String, String> query, Map<String, String> headers,
                            String summary) {
        return new Hostile(op.method(), withQuery(path, query), headers, null, summary);
    }

    private static String resolve(String template, String id) {
        return template.replace("{id}", id);
    }

    private static String withQuery(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder url = new StringBuilder(path).append('?');
        query.forEach((k, v) -> url.append(k).append('=').append(v.startsWith("%") || v.contains("&") ? v
                : URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return url.substring(0, url.length() - 1);
    }

    private String schemaName(JsonNode ref) {
        String r = ref.path("$ref").asString("");
        return r.substring(r.lastIndexOf('/') + 1);
    }

    private JsonNode resolveSchema(JsonNode schema) {
        String name = schemaName(schema);
        return name.isEmpty() ? schema : components.path(name);
    }

    /** Paths to every field of the tree and the first element of every array, depth first. */
    private static void collectPaths(JsonNode node, List<Object> at, List<List<Object>> paths) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                List<Object> child = new ArrayList<>(at);
                child.add(e.getKey());
                paths.add(child);
                collectPaths(e.getValue(), child, paths);
            }
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            List<Object> child = new ArrayList<>(at);
            child.add(0);
            paths.add(child);
            collectPaths(array.get(0), child, paths);
        }
    }

    /** The tree with the node at {@code at} replaced by raw JSON text (which may be invalid or huge). */
    private static String mutate(JsonNode tree, List<Object> at, String raw) {
        JsonNode copy = tree.deepCopy();
        if (!(copy instanceof ObjectNode) && !(copy instanceof ArrayNode)) {
            return raw;
        }
        JsonNode parent = copy;
        for (int i = 0; i < at.size() - 1; i++) {
            Object step = at.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = at.get(at.size() - 1);
        JsonNode placeholder = JSON.getNodeFactory().stringNode(PLACEHOLDER.substring(1, PLACEHOLDER.length() - 1));
        if (parent instanceof ArrayNode array && last instanceof Integer index) {
            array.set(index, placeholder);
        } else if (parent instanceof ObjectNode object) {
            object.set(last.toString(), placeholder);
        }
        return JSON.writeValueAsString(copy).replace("\"\\u0001HOSTILE\\u0001\"", raw);
    }

    private String randomJson(int depth) {
        int kind = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 3 -> Double.toString(Double.longBitsToDouble(random.nextLong())).replace("Infinity", "1e999")
                    .replace("NaN", "NaN");
            case 4 -> HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
            case 5 -> "\"" + randomWord() + "\"";
            case 6 -> {
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    array.append(i > 0 ? "," : "").append(randomJson(depth - 1));
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    object.append(i > 0 ? "," : "").append('"').append(randomWord()).append("\":")
                            .append(randomJson(depth - 1));
                }
                yield object.append('}').toString();
            }
        };
    }

    private String randomWord() {
        String[] words = {"a", "name", "instances", "codes", "rows", "k", "count", "seed", "x", "%C3%A9", "", "id",
                "datasetId", "encoder", "epochs", "page", "size", "limit", "offset", "bins", "format"};
        return words[random.nextInt(words.length)] + (random.nextInt(4) == 0 ? random.nextInt(1000) : "");
    }

    private String randomQueryValue() {
        return switch (random.nextInt(5)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Integer.toString(random.nextInt(2_000_000) - 1_000_000);
            case 2 -> BAD_QUERY_VALUES.get(random.nextInt(BAD_QUERY_VALUES.size()));
            case 3 -> Double.toString(random.nextGaussian() * 1e6);
            default -> randomWord();
        };
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= 80 ? flat : flat.substring(0, 60) + "…(" + flat.length() + " chars)";
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    interface Writer<T> {
        void write(T out) throws IOException;
    }

    private static byte[] bytes(Writer<DataOutputStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** A small .gz built in memory: the point of a bomb is that its compressed size is small. */
    private static byte[] gzip(Writer<GZIPOutputStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void zeros(GZIPOutputStream out, long n) throws IOException {
        byte[] block = new byte[8192];
        for (long w = 0; w < n; w += block.length) {
            out.write(block);
        }
    }

    private static void ones(GZIPOutputStream out, long n) throws IOException {
        byte[] block = new byte[8192];
        java.util.Arrays.fill(block, (byte) '1');
        for (long w = 0; w < n; w += block.length) {
            out.write(block);
        }
    }

    /** A multipart/form-data body built part by part. */
    static final class Multipart {
        private final String boundary = "----hostile" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String summary;

        Multipart(String summary) {
            this.summary = summary;
        }

        Multipart field(String name, String value) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + value + "\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Multipart file(String name, String filename, byte[] content) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }
    }
}
