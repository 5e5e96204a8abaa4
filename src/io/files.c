/* files.c — atomic result files and output directories. */
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "io/files.h"

char *pl_path_join(const char *dir, const char *name)
{
    size_t ld = strlen(dir), ln = strlen(name);
    char *p = pl_malloc(ld + ln + 2);
    if (!p) return NULL;
    memcpy(p, dir, ld);
    size_t k = ld;
    if (ld && dir[ld - 1] != '/') p[k++] = '/';
    memcpy(p + k, name, ln + 1);
    return p;
}

int pl_outfile_open(pl_outfile *o, const char *path, pl_error *err)
{
    memset(o, 0, sizeof *o);
    size_t n = strlen(path) + 32;
    o->path = pl_strdup(path);
    o->tmp = pl_malloc(n);
    if (!o->path || !o->tmp) {
        pl_outfile_abort(o);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    snprintf(o->tmp, n, "%s.tmp-%ld", path, (long)getpid());
    o->f = fopen(o->tmp, "wb");
    if (!o->f) {
        int e = errno;
        pl_outfile_abort(o);
        return pl_error_set(err, PL_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    return PL_OK;
}

int pl_outfile_commit(pl_outfile *o, pl_error *err)
{
    int bad = ferror(o->f) || fflush(o->f) != 0;
    /* on disk before the rename, so a crash cannot leave a complete-looking empty file;
     * EINVAL/EROFS: a file system without fsync */
    if (!bad && fsync(fileno(o->f)) != 0 && errno != EINVAL && errno != EROFS) bad = 1;
    if (fclose(o->f) != 0) bad = 1;
    o->f = NULL;
    if (bad) {
        int e = errno;
        pl_error_set(err, PL_EIO, "%s: write failed: %s", o->path, strerror(e));
        pl_outfile_abort(o);
        return PL_EIO;
    }
    if (rename(o->tmp, o->path) != 0) {
        int e = errno;
        pl_error_set(err, PL_EIO, "%s: cannot move into place: %s", o->path, strerror(e));
        pl_outfile_abort(o);
        return PL_EIO;
    }
    pl_free(o->path);
    pl_free(o->tmp);
    memset(o, 0, sizeof *o);
    return PL_OK;
}

void pl_outfile_abort(pl_outfile *o)
{
    if (o->f) fclose(o->f);
    if (o->tmp) unlink(o->tmp);
    pl_free(o->path);
    pl_free(o->tmp);
    memset(o, 0, sizeof *o);
}

int pl_write_file_atomic(const char *path, const char *data, size_t len, pl_error *err)
{
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    if (len && fwrite(data, 1, len, o.f) != len) {
        pl_outfile_abort(&o);
        return pl_error_set(err, PL_EIO, "%s: write failed", path);
    }
    return pl_outfile_commit(&o, err);
}

static _Thread_local long json_refused; /* JSON allocations refused on this thread since pl_json_begin */

static void *json_seam_malloc(size_t size)
{
    void *p = pl_malloc(size);
    if (!p) json_refused++;
    return p;
}

static void route_jansson(void) { json_set_alloc_funcs(json_seam_malloc, pl_free); }

void pl_json_begin(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, route_jansson);
    json_refused = 0;
}

int pl_json_failed(void) { return json_refused != 0; }

json_t *pl_json_num(double x) { return isfinite(x) ? json_real(x) : json_null(); }

json_t *pl_json_u64(uint64_t x)
{
    if (x <= (UINT64_C(1) << 53)) return json_integer((json_int_t)x);
    char digits[24];
    snprintf(digits, sizeof digits, "%" PRIu64, x);
    return json_string(digits);
}

int pl_write_json_file(const char *path, const json_t *j, size_t flags, int final_newline, pl_error *err)
{
    if (!j || pl_json_failed()) return pl_error_set(err, PL_ENOMEM, "%s: out of memory building the JSON", path);
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    if (json_dumpf(j, o.f, flags) != 0 || (final_newline && fputc('\n', o.f) == EOF)) {
        pl_outfile_abort(&o);
        if (pl_json_failed()) return pl_error_set(err, PL_ENOMEM, "%s: out of memory writing the JSON", path);
        return pl_error_set(err, PL_EIO, "%s: write failed", path);
    }
    return pl_outfile_commit(&o, err);
}

int pl_mkdir_p(const char *dir, pl_error *err)
{
    char *p = pl_strdup(dir);
    if (!p) return pl_error_set(err, PL_ENOMEM, "out of memory");
    for (char *s = p + 1;; s++) {
        char c = *s;
        if (c == '/' || c == '\0') {
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                int e = errno;
                pl_error_set(err, PL_EIO, "%s: cannot create directory: %s", p, strerror(e));
                pl_free(p);
                return PL_EIO;
            }
            struct stat st;
            if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
                pl_error_set(err, PL_EIO, "%s: exists and is not a directory", p);
                pl_free(p);
                return PL_EIO;
            }
            *s = c;
            if (c == '\0') break;
        }
    }
    pl_free(p);
    return PL_OK;
}
