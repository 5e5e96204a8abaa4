// SPDX-License-Identifier: MIT
/* error.c — filling in a pl_error.  Kept trivial so that every layer can use it; the one thing
 * it does beyond formatting is take control characters out of the message (a name or a value
 * quoted from a file may hold "\e[2J"), so no error can drive the terminal it is printed on. */
#include <stdarg.h>
#include <stdio.h>

#include "core/text.h"
#include "parley/error.h"

static void set(pl_error *err, pl_status code, const char *fmt, va_list ap)
{
    err->code = code;
    err->input = PL_INPUT_UNSAID;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    pl_text_sanitize_inplace(err->msg);
}

int pl_error_set(pl_error *err, pl_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        set(err, code, fmt, ap);
        va_end(ap);
    }
    return code;
}

int pl_error_set_first(pl_error *err, pl_status code, const char *fmt, ...)
{
    if (err && err->code == PL_OK) {
        va_list ap;
        va_start(ap, fmt);
        set(err, code, fmt, ap);
        va_end(ap);
    }
    return code;
}

void pl_error_clear(pl_error *err)
{
    if (err) {
        err->code = PL_OK;
        err->msg[0] = '\0';
        err->input = PL_INPUT_UNSAID;
    }
}

void pl_error_about(pl_error *err, pl_input input)
{
    if (err) err->input = input;
}
