/*
 * Smoke test of the C ABI, as a C program calls it: every file of the
 * example data through prolo_assess (verdicts of the worked cases, status
 * and field of the bad inputs), then NULL arguments, a policy, an invalid
 * policy, bytes that are not UTF-8 and an oversize document. Everything the
 * library returns is freed, so that valgrind can say nothing leaks.
 *
 *   smoke <examples/data directory>
 *
 * Built and run by ffi/ci.sh. Exits 0 only if every check passed.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prolo_triage.h"

static int passed = 0;
static int failed = 0;

#define CHECK(cond, ...)                                          \
    do {                                                          \
        if (cond) {                                               \
            passed++;                                             \
        } else {                                                  \
            failed++;                                             \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);  \
            fprintf(stderr, __VA_ARGS__);                         \
            fputc('\n', stderr);                                  \
        }                                                         \
    } while (0)

/* What one example file must give: a verdict (status OK), or a status and
 * the path the message must begin with. */
struct expectation {
    const char *file; /* a whole name, or a prefix ending in '-' */
    const char *verdict;
    int32_t status;
    const char *path;
    int seen;
};

static struct expectation expected[] = {
    {"01-", "discuss", PROLO_STATUS_OK, NULL, 0},
    {"02-", "discuss_with_precautions", PROLO_STATUS_OK, NULL, 0},
    {"03-", "needs_information", PROLO_STATUS_OK, NULL, 0},
    {"04-", "refer_urgently", PROLO_STATUS_OK, NULL, 0},
    {"05-", "not_yet", PROLO_STATUS_OK, NULL, 0},
    {"06-", "needs_information", PROLO_STATUS_OK, NULL, 0},
    {"07-", "not_suitable", PROLO_STATUS_OK, NULL, 0},
    {"08-", "discuss_with_precautions", PROLO_STATUS_OK, NULL, 0},
    /* Contract v3: symptoms, and candidate conditions in the output. */
    {"09-", "discuss", PROLO_STATUS_OK, NULL, 0},
    {"10-", "needs_information", PROLO_STATUS_OK, NULL, 0},
    /* Contract v2: an open medication list, anticoagulant unknown. */
    {"v2-", "discuss_with_precautions", PROLO_STATUS_OK, NULL, 0},
    {"bad-duplicate-entry.json", NULL, PROLO_STATUS_DUPLICATE_ENTRY, "allergies[1]", 0},
    {"bad-duplicate-key.json", NULL, PROLO_STATUS_DUPLICATE_KEY, "findings.fever", 0},
    {"bad-inconsistent-weeks.json", NULL, PROLO_STATUS_INCONSISTENT, "symptom_weeks", 0},
    {"bad-out-of-range.json", NULL, PROLO_STATUS_OUT_OF_RANGE, "pain_score", 0},
    {"bad-truncated.json", NULL, PROLO_STATUS_SYNTAX, "conditions", 0},
    {"bad-unknown-finding.json", NULL, PROLO_STATUS_UNKNOWN_NAME, "findings.fevr", 0},
    {"bad-wrong-type.json", NULL, PROLO_STATUS_WRONG_TYPE, "age_years", 0},
};
#define EXPECTED_COUNT (sizeof expected / sizeof expected[0])

static const char STRICT_POLICY[] =
    "{\"name\":\"strict\",\"version\":\"1\","
    "\"classification\":{\"medications.anticoagulant\":\"absolute\"}}";

/* The outcome of one call; strings owned by the library until freed. */
struct outcome {
    int32_t status;
    char *json;
    char *error;
};

static struct outcome assess(const void *input, size_t input_len, const void *policy,
                             size_t policy_len) {
    struct outcome out = {-1, NULL, NULL};
    out.status = prolo_assess((const uint8_t *)input, input_len, (const uint8_t *)policy,
                              policy_len, &out.json, &out.error);
    return out;
}

static void release(struct outcome *out) {
    prolo_free_string(out->json);
    prolo_free_string(out->error);
    out->json = NULL;
    out->error = NULL;
}

static int has_verdict(const char *json, const char *verdict) {
    char needle[128];
    snprintf(needle, sizeof needle, "\"verdict\":\"%s\"", verdict);
    return json != NULL && strstr(json, needle) != NULL;
}

/* The message names the field: it begins with the path and a colon. */
static int names_field(const char *error, const char *path) {
    size_t n = strlen(path);
    return error != NULL && strncmp(error, path, n) == 0 && error[n] == ':';
}

/* A refusal: the status, no JSON, and a message that begins with `path`. */
static void check_refused(const char *what, struct outcome *out, int32_t status,
                          const char *path) {
    CHECK(out->status == status, "%s: status %d, want %d (%s)", what, (int)out->status,
          (int)status, out->error ? out->error : "no message");
    CHECK(out->json == NULL, "%s: JSON set on failure", what);
    CHECK(names_field(out->error, path), "%s: message does not begin with `%s:`: %s", what,
          path, out->error ? out->error : "(null)");
    if (out->status == status && names_field(out->error, path))
        printf("ok   %s -> %d: %.100s\n", what, (int)out->status, out->error);
    release(out);
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, used = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        used += fread(buf + used, 1, cap - used, f);
        if (used < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
        } else {
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = used;
    return buf;
}

static struct expectation *expectation_for(const char *name) {
    for (size_t i = 0; i < EXPECTED_COUNT; i++) {
        const char *file = expected[i].file;
        size_t n = strlen(file);
        int prefix = file[n - 1] == '-';
        if (prefix ? strncmp(name, file, n) == 0 : strcmp(name, file) == 0)
            return &expected[i];
    }
    return NULL;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_example(const char *dir, const char *name) {
    struct expectation *want = expectation_for(name);
    CHECK(want != NULL, "%s: no expectation; add one to ffi/tests/smoke.c", name);
    if (want == NULL)
        return;
    want->seen++;

    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len = 0;
    char *input = read_file(path, &len);
    CHECK(input != NULL, "%s: cannot read", path);
    if (input == NULL)
        return;

    struct outcome out = assess(input, len, NULL, 0);
    free(input);
    if (want->verdict != NULL) {
        CHECK(out.status == PROLO_STATUS_OK, "%s: status %d: %s", name, (int)out.status,
              out.error ? out.error : "");
        CHECK(out.error == NULL, "%s: error set on success", name);
        CHECK(has_verdict(out.json, want->verdict), "%s: want verdict %s in %.200s", name,
              want->verdict, out.json ? out.json : "(null)");
        if (has_verdict(out.json, want->verdict))
            printf("ok   %s -> %s\n", name, want->verdict);
        release(&out);
    } else {
        check_refused(name, &out, want->status, want->path);
    }
}

static void run_examples(const char *dir) {
    DIR *d = opendir(dir);
    CHECK(d != NULL, "cannot open %s", dir);
    if (d == NULL)
        return;
    char *names[256];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL && count < 256) {
        size_t n = strlen(entry->d_name);
        if (n > 5 && strcmp(entry->d_name + n - 5, ".json") == 0)
            names[count++] = strdup(entry->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof names[0], by_name);
    for (size_t i = 0; i < count; i++) {
        if (names[i] != NULL)
            run_example(dir, names[i]);
        free(names[i]);
    }
    for (size_t i = 0; i < EXPECTED_COUNT; i++)
        CHECK(expected[i].seen == 1, "%s: matched %d files in %s, want 1", expected[i].file,
              expected[i].seen, dir);
}

static void run_policy(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/02-ankle-instability-apixaban.json", dir);
    size_t len = 0;
    char *input = read_file(path, &len);
    CHECK(input != NULL, "%s: cannot read", path);
    if (input == NULL)
        return;

    /* Anticoagulants made absolute: case 02 becomes contraindicated, and the
     * assessment names the policy it was made under. */
    struct outcome out = assess(input, len, STRICT_POLICY, strlen(STRICT_POLICY));
    CHECK(out.status == PROLO_STATUS_OK, "strict policy: status %d: %s", (int)out.status,
          out.error ? out.error : "");
    CHECK(has_verdict(out.json, "contraindicated"), "strict policy: %.200s",
          out.json ? out.json : "(null)");
    CHECK(out.json != NULL && strstr(out.json, "\"name\":\"strict\"") != NULL,
          "strict policy: policy name not in the assessment");
    if (has_verdict(out.json, "contraindicated"))
        printf("ok   02 under the strict policy -> contraindicated\n");
    release(&out);

    /* Invalid policies: refused as such, the field prefixed `policy.`, even
     * though the presentation is fine. */
    static const char red_flag_relative[] =
        "{\"name\":\"x\",\"version\":\"1\","
        "\"classification\":{\"fever\":\"relative\"}}";
    out = assess(input, len, red_flag_relative, strlen(red_flag_relative));
    check_refused("policy reclassifying a red flag", &out, PROLO_STATUS_INVALID_POLICY,
                  "policy.classification.fever");

    static const char wrong_type[] = "{\"name\":\"x\",\"version\":\"1\",\"min_age_years\":\"x\"}";
    out = assess(input, len, wrong_type, strlen(wrong_type));
    check_refused("policy with a wrong type", &out, PROLO_STATUS_INVALID_POLICY,
                  "policy.min_age_years");

    static const char not_utf8[] = "{\"name\":\"\xff\"}";
    out = assess(input, len, not_utf8, strlen(not_utf8));
    check_refused("policy not UTF-8", &out, PROLO_STATUS_INVALID_POLICY, "policy.document");

    /* An empty policy (non-NULL, length 0) is not the default policy. */
    out = assess(input, len, "", 0);
    check_refused("empty policy", &out, PROLO_STATUS_INVALID_POLICY, "policy.document");

    free(input);
}

static void run_arguments(void) {
    static const char input[] = "{\"findings\": {\"fever\": \"present\"}}";
    char *json = NULL;
    char *error = NULL;
    int32_t status;

    struct outcome out = assess(NULL, 0, NULL, 0);
    check_refused("NULL input", &out, PROLO_STATUS_NULL_POINTER, "input");

    out = assess(NULL, 10, NULL, 0);
    check_refused("NULL input with a length", &out, PROLO_STATUS_NULL_POINTER, "input");

    out = assess(input, strlen(input), NULL, 5);
    check_refused("NULL policy with a length", &out, PROLO_STATUS_NULL_POINTER, "policy");

    status = prolo_assess((const uint8_t *)input, strlen(input), NULL, 0, NULL, &error);
    out.status = status;
    out.json = NULL;
    out.error = error;
    check_refused("NULL out_json", &out, PROLO_STATUS_NULL_POINTER, "out_json");

    /* Without out_error the status still comes back, and nothing leaks. */
    status = prolo_assess(NULL, 0, NULL, 0, &json, NULL);
    CHECK(status == PROLO_STATUS_NULL_POINTER, "NULL out_error: status %d", (int)status);
    CHECK(json == NULL, "NULL out_error: JSON set");
    status = prolo_assess((const uint8_t *)input, strlen(input), NULL, 0, &json, NULL);
    CHECK(status == PROLO_STATUS_OK && has_verdict(json, "refer_urgently"),
          "NULL out_error on success: status %d", (int)status);
    prolo_free_string(json);
    json = NULL;

    /* Out-parameters are cleared on entry: a stale pointer never survives. */
    json = (char *)input;
    error = (char *)input;
    status = prolo_assess((const uint8_t *)"{", 1, NULL, 0, &json, &error);
    CHECK(status == PROLO_STATUS_SYNTAX, "stale out-parameters: status %d", (int)status);
    CHECK(json == NULL, "stale out_json not cleared");
    CHECK(error != NULL && error != input, "stale out_error not replaced");
    if (error != input)
        prolo_free_string(error);

    /* Only input_len bytes are read: no NUL terminator needed. */
    static const char longer[] = "{\"age_years\": 14}trailing garbage";
    out = assess(longer, 17, NULL, 0);
    CHECK(out.status == PROLO_STATUS_OK, "length honoured: status %d: %s", (int)out.status,
          out.error ? out.error : "");
    release(&out);

    /* Bytes that are not UTF-8 are refused before parsing. */
    static const char not_utf8[] = "{\"age_years\": \"\xc3\x28\"}";
    out = assess(not_utf8, strlen(not_utf8), NULL, 0);
    check_refused("input not UTF-8", &out, PROLO_STATUS_NOT_UTF8, "document");

    /* Over 64 KiB: refused by the library without parsing. */
    size_t big_len = 64 * 1024 + 1;
    char *big = malloc(big_len);
    CHECK(big != NULL, "malloc");
    if (big != NULL) {
        memset(big, ' ', big_len);
        big[0] = '{';
        big[big_len - 1] = '}';
        out = assess(big, big_len, NULL, 0);
        check_refused("input over 64 KiB", &out, PROLO_STATUS_TOO_LARGE, "document");
        out = assess(big, big_len - 1, NULL, 0);
        CHECK(out.status == PROLO_STATUS_SYNTAX, "input of 64 KiB: status %d", (int)out.status);
        release(&out);
        free(big);
    }

    prolo_free_string(NULL);

    const char *version = prolo_version();
    CHECK(version != NULL && version[0] >= '0' && version[0] <= '9' && strchr(version, '.'),
          "prolo_version: %s", version ? version : "(null)");
    printf("ok   prolo_version -> %s\n", version ? version : "(null)");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <examples/data directory>\n", argv[0]);
        return 2;
    }
    run_examples(argv[1]);
    run_policy(argv[1]);
    run_arguments();
    printf("smoke: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
