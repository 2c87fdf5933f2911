// The floor of the runtime benchmark: one pass over JSON text that checks its structure and builds nothing: strings
// to their closing quote (escapes skipped, not decoded; no UTF-8 check), numbers and literals by their characters,
// arrays and objects by a depth count. What any reader must at least do with the bytes; linked into the benchmark.
#include <stddef.h>

// Returns the number of values in the text, or -1 if it is not JSON.
long json_scan(const unsigned char *text, long length) {
    const unsigned char *p = text, *end = text + length;
    long values = 0, depth = 0;
    // 1 where a member name is expected next (after '{' or a comma in an object).
    unsigned char in_object[1024] = {0};
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
        if (p == end) return depth == 0 ? values : -1;
        switch (*p) {
        case '{':
        case '[':
            if (depth == 1023) return -1;
            in_object[++depth] = *p == '{';
            values++;
            p++;
            continue;
        case '}':
        case ']':
            if (depth == 0 || in_object[depth] != (*p == '}')) return -1;
            depth--;
            p++;
            continue;
        case ',':
        case ':':
            p++;
            continue;
        case '"':
            for (p++; p < end && *p != '"'; p++) {
                if (*p == '\\') p++;
                else if (*p < 0x20) return -1;
            }
            if (p >= end) return -1;
            p++;
            values++;
            continue;
        case 't': case 'f': case 'n':
            while (p < end && *p >= 'a' && *p <= 'z') p++;
            values++;
            continue;
        default:
            if (*p != '-' && (*p < '0' || *p > '9')) return -1;
            while (p < end && ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' ||
                               *p == '-'))
                p++;
            values++;
            continue;
        }
    }
}
