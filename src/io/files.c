// SPDX-License-Identifier: MIT
/* files.c — atomic result files, output directories written as a set (parley/outdir.h), and the
 * JSON helpers every writer shares. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
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
#include "io/json_writer.h"
#include "parley/outdir.h"

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
    /* jansson's layout flags, read as json_dumpf reads them; reals as the shortest exact text
     * whatever precision the flags name, as every results file writes them */
    int indent = (int)(flags & JSON_MAX_INDENT);
    pl_jw w;
    pl_jw_init(&w, o.f, indent ? indent : (flags & JSON_COMPACT) ? -1 : 0, PL_JW_SHORTEST);
    pl_jw_tree(&w, j);
    if (final_newline) fputc('\n', o.f);
    return pl_outfile_commit_json(&o, &w, err);
}

int pl_json_print(FILE *f, const json_t *j, int indent, pl_error *err)
{
    if (!j) return pl_error_set(err, PL_ENOMEM, "out of memory building the JSON");
    pl_jw w;
    pl_jw_init(&w, f, indent, PL_JW_SHORTEST);
    pl_jw_tree(&w, j);
    int rc = pl_jw_finish(&w);
    if (rc > 0) return pl_error_set(err, PL_EINVAL, "the JSON was not written whole: %s", pl_jw_strerror(rc));
    if (rc) return pl_error_set(err, PL_EIO, "write error");
    return 0;
}

int pl_outfile_commit_json(pl_outfile *o, const pl_jw *w, pl_error *err)
{
    int rc = pl_jw_finish(w);
    if (rc > 0) { /* a writer's mistake, not the user's: said plainly rather than a short file */
        pl_error_set(err, PL_EINVAL, "%s: the JSON was not written whole: %s", o->path, pl_jw_strerror(rc));
        pl_outfile_abort(o);
        return PL_EINVAL;
    }
    return pl_outfile_commit(o, err);
}

const char *pl_infile_name(const char *path) { return strcmp(path, "-") ? path : PL_STDIN_NAME; }


int pl_open_status(int e)
{
    switch (e) {
    case ENOMEM: return PL_ENOMEM;
    case EACCES: case EPERM: case EMFILE: case ENFILE: case EIO: case EAGAIN: return PL_EIO;
    default: return PL_EINVAL;
    }
}

int pl_input_open_fd(int *fd, const char *path, const char *what, pl_error *err)
{
    if (!strcmp(path, "-")) {
        /* standard input, through a duplicate: the caller closes what it opened, never stdin */
        *fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
        if (*fd < 0) {
            int e = errno;
            return pl_error_set(err, pl_open_status(e), "%s: cannot open: %s", PL_STDIN_NAME, strerror(e));
        }
        path = PL_STDIN_NAME;
    } else
        *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd < 0) {
        int e = errno;
        return pl_error_set(err, pl_open_status(e), "%s: cannot open: %s", path, strerror(e));
    }
    struct stat st;
    if (fstat(*fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(*fd);
        *fd = -1;
        return pl_error_set(err, PL_EINVAL, "%s: is a directory, not %s", path, what);
    }
    return PL_OK;
}

int pl_input_open(FILE **f, const char *path, const char *what, pl_error *err)
{
    int fd;
    *f = NULL;
    int rc = pl_input_open_fd(&fd, path, what, err);
    if (rc) return rc;
    if (!(*f = fdopen(fd, "rb"))) {
        int e = errno;
        close(fd);
        return pl_error_set(err, e == ENOMEM ? PL_ENOMEM : PL_EIO, "%s: cannot open: %s", path, strerror(e));
    }
    return PL_OK;
}

int pl_input_check_start(const char *path, const void *start, size_t len, pl_error *err)
{
    const unsigned char *b = start;
    /* UTF-32 first: its little-endian mark begins with UTF-16's */
    if (len >= 4 && ((b[0] == 0xFF && b[1] == 0xFE && !b[2] && !b[3]) || (!b[0] && !b[1] && b[2] == 0xFE && b[3] == 0xFF)))
        return pl_error_set(err, PL_EINVAL, "%s:1:1: the file is UTF-32 (it starts with a byte-order mark); save it as UTF-8",
                            path);
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return pl_error_set(err, PL_EINVAL, "%s:1:1: the file is UTF-16 (it starts with a byte-order mark); save it as UTF-8",
                            path);
    return PL_OK;
}

int pl_read_line(FILE *f, const char *path, const char *what, long lineno, char **buf, size_t *cap, size_t *len,
                 size_t max, pl_error *err)
{
    size_t n = 0;
    int c = EOF;
    errno = 0;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (n >= max)
            return pl_error_set(err, PL_EINVAL, "%s:%ld: line longer than %zu bytes", path, lineno, max);
        if (n + 2 > *cap) {
            size_t nc = *cap ? *cap * 2 : 256;
            char *nb = pl_realloc(*buf, nc);
            if (!nb) return pl_error_set(err, PL_ENOMEM, "%s:%ld: out of memory reading the line", path, lineno);
            *buf = nb;
            *cap = nc;
        }
        (*buf)[n++] = (char)c;
    }
    if (c == EOF && ferror(f)) {
        int e = errno;
        return pl_error_set(err, e == EISDIR ? PL_EINVAL : PL_EIO, "%s:%ld: cannot read: %s", path, lineno,
                            e ? strerror(e) : "read error");
    }
    if (c == EOF && n == 0) return 0;
    if (!*buf) { /* an empty line before anything was read */
        if (!(*buf = pl_malloc(1))) return pl_error_set(err, PL_ENOMEM, "%s:%ld: out of memory", path, lineno);
        *cap = 1;
    }
    (*buf)[n] = '\0';
    int rc;
    if (lineno == 1 && (rc = pl_input_check_start(path, *buf, n, err))) return rc;
    const char *nul = memchr(*buf, '\0', n);
    if (nul)
        return pl_error_set(err, PL_EINVAL, "%s:%ld:%zu: a NUL byte; %s is text", path, lineno, (size_t)(nul - *buf) + 1,
                            what);
    if (n && (*buf)[n - 1] == '\r') (*buf)[--n] = '\0';
    *len = n;
    return 1;
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

/* ---- results as a set (parley/outdir.h) ------------------------------------------------------ */

struct pl_outdir {
    char *final; /* the directory as given */
    char *tmp;   /* "<parent>/.<name>.parley-tmp-<pid>", where the writers write */
    int slot;    /* its place in open_dirs, for a signal handler */
};

/* The temporaries a signal handler must remove: paths copied into fixed buffers (a handler may
 * not allocate) and a descriptor of each directory to list its files with. */
#define OUTDIR_SLOTS 4
static struct {
    volatile sig_atomic_t used;
    int fd;
    char path[PATH_MAX];
} open_dirs[OUTDIR_SLOTS];
static pthread_mutex_t open_dirs_mu = PTHREAD_MUTEX_INITIALIZER;

/* Removes the plain files of directory fd (async-signal-safe: raw getdents64, unlinkat). */
static void remove_files_fd(int fd)
{
    char buf[4096];
    for (int pass = 0; pass < 64; pass++) {
        if (lseek(fd, 0, SEEK_SET) < 0) return;
        long n, removed = 0;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
            for (long off = 0; off < n;) {
                /* struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name */
                unsigned short reclen;
                memcpy(&reclen, buf + off + 16, sizeof reclen);
                const char *name = buf + off + 19;
                if (strcmp(name, ".") && strcmp(name, "..") && unlinkat(fd, name, 0) == 0) removed++;
                off += reclen;
            }
        }
        if (!removed) return; /* nothing left (or nothing removable) */
    }
}

static void remove_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        remove_files_fd(fd);
        close(fd);
    }
    rmdir(path);
}

void pl_outdir_cleanup_signal(void)
{
    for (int i = 0; i < OUTDIR_SLOTS; i++)
        if (open_dirs[i].used) {
            remove_files_fd(open_dirs[i].fd);
            rmdir(open_dirs[i].path);
            open_dirs[i].used = 0;
        }
}

static void release_slot(pl_outdir *od)
{
    if (od->slot < 0) return;
    pthread_mutex_lock(&open_dirs_mu);
    open_dirs[od->slot].used = 0;
    close(open_dirs[od->slot].fd);
    pthread_mutex_unlock(&open_dirs_mu);
    od->slot = -1;
}

/* 0 if dir is absent, empty, or a set of results parley wrote (the marker, plain files only);
 * else an error naming what is in the way. */
static int check_target(const char *dir, pl_error *err)
{
    struct stat st;
    if (lstat(dir, &st) != 0) {
        if (errno == ENOENT) return PL_OK;
        int e = errno;
        return pl_error_set(err, e == EACCES ? PL_EIO : PL_EINVAL, "%s: cannot use as the results directory: %s", dir,
                            strerror(e));
    }
    if (!S_ISDIR(st.st_mode))
        return pl_error_set(err, PL_EINVAL, "%s: exists and is not a directory; --out needs a directory", dir);
    DIR *d = opendir(dir);
    if (!d) {
        int e = errno;
        return pl_error_set(err, e == EACCES ? PL_EIO : PL_EINVAL, "%s: cannot read the directory: %s", dir, strerror(e));
    }
    int marked = 0, files = 0, others = 0; /* others: subdirectories, links, devices: never parley's */
    char file_name[256] = "", other_name[256] = "";
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (!strcmp(e->d_name, PL_OUTDIR_MARKER)) {
            marked = 1;
            continue;
        }
        struct stat fs;
        int plain = fstatat(dirfd(d), e->d_name, &fs, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(fs.st_mode);
        char *name = plain ? file_name : other_name;
        if (!(plain ? files++ : others++)) snprintf(name, sizeof file_name, "%s", e->d_name);
    }
    closedir(d);
    if (others)
        return pl_error_set(err, PL_EINVAL, "%s: the directory holds '%s', which parley did not write; give --out a new "
                            "or empty directory, or one a parley run wrote", dir, other_name);
    if (files && !marked)
        return pl_error_set(err, PL_EINVAL,
                            "%s: the directory holds files parley did not write (such as '%s'); give --out a new or "
                            "empty directory, or one a parley run wrote",
                            dir, file_name);
    return PL_OK;
}

int pl_outdir_open(pl_outdir **out, const char *dir, pl_error *err)
{
    *out = NULL;
    if (!dir || !*dir) return pl_error_set(err, PL_EINVAL, "the results directory has no name");
    int rc = check_target(dir, err);
    if (rc) return rc;
    pl_outdir *od = pl_calloc(1, sizeof *od);
    char *copy = pl_strdup(dir);
    if (!od || !copy) {
        pl_free(od);
        pl_free(copy);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    od->slot = -1;
    /* parent and base name, trailing slashes ignored ("out/" is "out") */
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/') copy[--n] = '\0';
    od->final = copy;
    const char *slash = strrchr(copy, '/');
    const char *base = slash ? slash + 1 : copy;
    size_t plen = slash ? (size_t)(slash - copy) : 0;
    size_t cap = n + 64;
    od->tmp = pl_malloc(cap);
    if (!od->tmp) {
        pl_outdir_abort(od);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    if (slash) snprintf(od->tmp, cap, "%.*s/.%s.parley-tmp-%ld", (int)(plen ? plen : 1), plen ? copy : "/", base,
                        (long)getpid());
    else snprintf(od->tmp, cap, ".%s.parley-tmp-%ld", base, (long)getpid());
    if (slash && plen) {
        char *parent = pl_strndup(copy, plen);
        if (!parent) {
            pl_outdir_abort(od);
            return pl_error_set(err, PL_ENOMEM, "out of memory");
        }
        rc = pl_mkdir_p(parent, err);
        pl_free(parent);
        if (rc) {
            pl_outdir_abort(od);
            return rc;
        }
    }
    remove_dir(od->tmp); /* one left by an earlier process with this pid */
    if (mkdir(od->tmp, 0777) != 0) {
        int e = errno;
        pl_error_set(err, PL_EIO, "%s: cannot create the results directory beside it: %s", dir, strerror(e));
        pl_free(od->tmp);
        od->tmp = NULL;
        pl_outdir_abort(od);
        return PL_EIO;
    }
    /* registered for a signal handler; with no free slot it is still removed on every other path */
    pthread_mutex_lock(&open_dirs_mu);
    for (int i = 0; i < OUTDIR_SLOTS; i++)
        if (!open_dirs[i].used && strlen(od->tmp) < sizeof open_dirs[i].path) {
            int fd = open(od->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0) break;
            open_dirs[i].fd = fd;
            strcpy(open_dirs[i].path, od->tmp);
            open_dirs[i].used = 1;
            od->slot = i;
            break;
        }
    pthread_mutex_unlock(&open_dirs_mu);
    *out = od;
    return PL_OK;
}

const char *pl_outdir_path(const pl_outdir *od) { return od->tmp; }

void pl_outdir_fix_error(const pl_outdir *od, pl_error *err)
{
    if (!od || !err) return;
    char *at = strstr(err->msg, od->tmp);
    if (!at) return;
    char rest[PL_ERROR_MSG_MAX];
    snprintf(rest, sizeof rest, "%s", at + strlen(od->tmp));
    snprintf(at, sizeof err->msg - (size_t)(at - err->msg), "%s%s", od->final, rest);
}
const char *pl_outdir_final(const pl_outdir *od) { return od->final; }

void pl_outdir_abort(pl_outdir *od)
{
    if (!od) return;
    release_slot(od);
    if (od->tmp) remove_dir(od->tmp);
    pl_free(od->tmp);
    pl_free(od->final);
    pl_free(od);
}

int pl_outdir_commit(pl_outdir *od, pl_error *err)
{
    char *marker = pl_path_join(od->tmp, PL_OUTDIR_MARKER);
    if (!marker) {
        pl_outdir_abort(od);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    static const char note[] = "A complete set of parley results: the next run with --out here replaces the whole "
                               "directory.\n";
    int rc = pl_write_file_atomic(marker, note, sizeof note - 1, err);
    pl_free(marker);
    if (rc) {
        pl_outdir_abort(od);
        return rc;
    }
    /* checked again: another process may have put files there while this one computed */
    if ((rc = check_target(od->final, err))) {
        pl_outdir_abort(od);
        return rc;
    }
    release_slot(od);
    /* one atomic exchange when the directory exists (Linux renameat2), else one rename */
    if (renameat2(AT_FDCWD, od->tmp, AT_FDCWD, od->final, RENAME_EXCHANGE) == 0) {
        remove_dir(od->tmp); /* now the old results */
    } else if (rename(od->tmp, od->final) != 0) {
        int e = errno;
        if (e == ENOTEMPTY || e == EEXIST) {
            /* no exchange on this file system: the old set is moved aside, then the new one in */
            size_t cap = strlen(od->tmp) + 8;
            char *old = pl_malloc(cap);
            if (old) snprintf(old, cap, "%s.old", od->tmp);
            if (old && rename(od->final, old) == 0 && rename(od->tmp, od->final) == 0) {
                remove_dir(old);
                pl_free(old);
                goto done;
            }
            e = errno;
            pl_free(old);
        }
        pl_error_set(err, PL_EIO, "%s: cannot move the results into place: %s", od->final, strerror(e));
        pl_outdir_abort(od);
        return PL_EIO;
    }
done:
    pl_free(od->tmp);
    pl_free(od->final);
    pl_free(od);
    return PL_OK;
}

int pl_outfile_write(const char *dir, const char *name, pl_write_fn write, const void *ctx, pl_error *err)
{
    char *path = dir ? pl_path_join(dir, name) : NULL;
    if (dir && !path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_outfile o;
    int rc = pl_outfile_open(&o, dir ? path : name, err);
    if (!rc) {
        write(o.f, ctx);
        rc = pl_outfile_commit(&o, err);
    }
    pl_free(path);
    return rc;
}
