// SPDX-License-Identifier: MIT
/* cmd_complete.c — shell completion for bash and zsh: `parley completion bash|zsh` prints the
 * script a shell loads, and the hidden `parley __complete WORD...` answers it.
 *
 * The scripts are thin: on each Tab they hand the words typed so far to `parley __complete`,
 * which prints the candidates one a line.  So what completes is what the command accepts,
 * read from the same places: the subcommands from main.c's table, each command's flags from
 * its own flag table (cli_flags_dump: the table the command parses with), the strategy ids
 * from the registry, the scenario names from the installed data (cli_data.c).  Nothing is
 * listed twice, and a flag added to a command completes without touching this file.
 *
 * Candidates are printed with the current word's prefix already matched.  Two lines are
 * directives rather than words: ":files" (the shell should also complete file names) and
 * ":dirs" (directory names). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"

/* One flag of a command's table, as cli_flags_dump prints it. */
typedef struct comp_flag {
    char name[64], short_form[4], kind[16], meta[64];
} comp_flag;

typedef struct comp_flags {
    comp_flag items[96];
    int n;
} comp_flags;

/* Reads the flag table of the command fn into out (appending: `play` has two tables). */
static void read_flags(int (*fn)(int, char **), const char *name, comp_flags *out)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    if (!mem) return;
    char *argv[] = {(char *)name, NULL};
    cli_flags_dump = mem;
    fn(1, argv);
    cli_flags_dump = NULL;
    fclose(mem);
    for (char *line = text, *nl; line && *line && out->n < (int)(sizeof out->items / sizeof *out->items); line = nl) {
        nl = strchr(line, '\n');
        if (nl) *nl++ = '\0';
        comp_flag *f = &out->items[out->n];
        if (sscanf(line, "%63[^\t]\t%3[^\t]\t%15[^\t]\t%63[^\t]", f->name, f->short_form, f->kind, f->meta) == 4) out->n++;
    }
    free(text);
}

static int starts(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

/* The flag a word names (--turns, --turns=5, -t), or NULL. */
static const comp_flag *find_flag(const comp_flags *fl, const char *word)
{
    for (int i = 0; i < fl->n; i++) {
        const comp_flag *f = &fl->items[i];
        if (word[0] == '-' && word[1] == '-') {
            size_t n = strcspn(word + 2, "=");
            if (strlen(f->name) == n && !strncmp(f->name, word + 2, n)) return f;
        } else if (!strcmp(f->short_form, word)) {
            return f;
        }
    }
    return NULL;
}

/* Strategy ids, for a list "a,b,c": the part before the last comma is kept, the rest completed. */
static void strategies(FILE *out, const char *cur, int lists)
{
    const char *comma = lists ? strrchr(cur, ',') : NULL;
    size_t keep = comma ? (size_t)(comma - cur) + 1 : 0;
    const char *part = cur + keep;
    if (!keep) {
        static const char *const words[] = {"all", "deterministic", "short"};
        for (size_t i = 0; lists && i < sizeof words / sizeof *words; i++)
            if (starts(words[i], part)) fprintf(out, "%s\n", words[i]);
    }
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (starts(in->id, part)) fprintf(out, "%.*s%s\n", (int)keep, cur, in->id);
    }
}

/* The shipped scenarios' names (korea/six-party-2007), and the files of the directory. */
static void scenarios(FILE *out, const char *cur)
{
    const char *dirs[PL_DATA_DIRS_MAX];
    int nd = pl_data_dirs(dirs);
    for (int i = 0; i < nd; i++) {
        pl_names names = {0};
        pl_scenarios_shipped(dirs[i], &names);
        for (int j = 0; j < names.n; j++) {
            char name[1024];
            pl_scenario_stem(names.items[j], name, sizeof name);
            if (starts(name, cur)) fprintf(out, "%s\n", name);
        }
        pl_names_free(&names);
    }
    fprintf(out, ":files\n");
}

/* What a flag's value can be. */
static void flag_value(FILE *out, const comp_flag *f, const char *cur)
{
    if (!strcmp(f->kind, "players")) {
        if (cur[0] == '@') fprintf(out, ":files\n");
        else strategies(out, cur, 1);
    } else if (!strcmp(f->kind, "dir")) {
        fprintf(out, ":dirs\n");
    } else if (!strcmp(f->kind, "choice")) {
        char words[64];
        snprintf(words, sizeof words, "%s", f->meta);
        for (char *w = strtok(words, "|"); w; w = strtok(NULL, "|"))
            if (starts(w, cur)) fprintf(out, "%s\n", w);
    }
    /* a number, a seed, a game: nothing to offer; nor for --set, --range, --as, --profile and
     * --variant, whose paths and ids are the scenario's own words, not known here */
}

int cmd_complete(int argc, char **argv)
{
    /* argv[1..argc-1]: the words after "parley", the last the one being completed (maybe "") */
    if (argc < 2) return EXIT_OK;
    const char *cur = argv[argc - 1];
    if (argc == 2 || (argc == 3 && !strcmp(argv[1], "help"))) {
        for (size_t i = 0;; i++) {
            const char *name;
            if (!cli_command_at(i, &name, NULL)) break;
            if (starts(name, cur)) printf("%s\n", name);
        }
        if (argc == 2 && starts("help", cur)) printf("help\n");
        return cli_finish(NULL, EXIT_OK);
    }
    const char *cmd = argv[1];
    int (*fn)(int, char **) = NULL;
    for (size_t i = 0;; i++) {
        const char *name;
        int (*f)(int, char **);
        if (!cli_command_at(i, &name, &f)) break;
        if (!strcmp(name, cmd)) fn = f;
    }
    if (!fn) return EXIT_OK;
    comp_flags fl = {0};
    read_flags(fn, cmd, &fl);
    if (!strcmp(cmd, "play")) read_flags(cmd_play_scenario, cmd, &fl); /* play SCENARIO.yaml's own flags */
    /* the value of the flag before, unless that flag takes none */
    const char *prev = argc > 3 ? argv[argc - 2] : NULL;
    const comp_flag *pf = prev && prev[0] == '-' && !strchr(prev, '=') ? find_flag(&fl, prev) : NULL;
    if (pf && strcmp(pf->kind, "bool")) {
        flag_value(stdout, pf, cur);
        return cli_finish(NULL, EXIT_OK);
    }
    if (cur[0] == '-' && cur[1] == '-' && strchr(cur, '=')) { /* --players=tf */
        const comp_flag *f = find_flag(&fl, cur);
        if (!f) return EXIT_OK;
        size_t head = (size_t)(strchr(cur, '=') - cur) + 1;
        char *text = NULL;
        size_t size = 0;
        FILE *mem = open_memstream(&text, &size);
        if (!mem) return EXIT_ENV;
        flag_value(mem, f, cur + head);
        fclose(mem);
        for (char *line = text, *nl; line && *line; line = nl) {
            nl = strchr(line, '\n');
            if (nl) *nl++ = '\0';
            if (line[0] == ':') printf("%s\n", line);
            else printf("%.*s%s\n", (int)head, cur, line);
        }
        free(text);
        return cli_finish(NULL, EXIT_OK);
    }
    if (cur[0] == '-') {
        for (int i = 0; i < fl.n; i++) {
            char word[80];
            snprintf(word, sizeof word, "--%s", fl.items[i].name);
            if (starts(word, cur)) printf("%s\n", word);
        }
        if (starts("--help", cur)) printf("--help\n");
        return cli_finish(NULL, EXIT_OK);
    }
    /* an argument: what each command takes */
    if (!strcmp(cmd, "match")) strategies(stdout, cur, 0);
    else if (!strcmp(cmd, "play")) strategies(stdout, cur, 0), scenarios(stdout, cur);
    else if (!strcmp(cmd, "run") || !strcmp(cmd, "fit") || !strcmp(cmd, "design") || !strcmp(cmd, "sensitivity"))
        scenarios(stdout, cur);
    else if (!strcmp(cmd, "check-transcripts")) printf(":files\n");
    else if (!strcmp(cmd, "completion")) {
        if (starts("bash", cur)) printf("bash\n");
        if (starts("zsh", cur)) printf("zsh\n");
    }
    return cli_finish(NULL, EXIT_OK);
}

/* The scripts: each passes the words typed so far to `parley __complete` and offers its lines;
 * ":files" and ":dirs" hand over to the shell's own file completion.  The command completed is
 * the one typed (words[0]), so a parley that is not on PATH completes too. */
static const char bash_script[] =
    "# bash completion for parley (generated by 'parley completion bash'; its candidates come from\n"
    "# 'parley __complete', which reads the command's own flag tables, strategies and scenarios)\n"
    "_parley() {\n"
    "    local cur=${COMP_WORDS[COMP_CWORD]} line IFS=$'\\n'\n"
    "    COMPREPLY=()\n"
    "    for line in $(\"${COMP_WORDS[0]}\" __complete \"${COMP_WORDS[@]:1:COMP_CWORD}\" 2>/dev/null); do\n"
    "        case $line in\n"
    "        :files) COMPREPLY+=($(compgen -f -- \"$cur\")) ;;\n"
    "        :dirs) COMPREPLY+=($(compgen -d -- \"$cur\")) ;;\n"
    "        *) COMPREPLY+=(\"$line\") ;;\n"
    "        esac\n"
    "    done\n"
    "}\n"
    "complete -o filenames -F _parley parley\n";

static const char zsh_script[] =
    "#compdef parley\n"
    "# zsh completion for parley (generated by 'parley completion zsh'; its candidates come from\n"
    "# 'parley __complete', which reads the command's own flag tables, strategies and scenarios)\n"
    "_parley() {\n"
    "    local line\n"
    "    local -a cands\n"
    "    for line in \"${(@f)$(\"${words[1]}\" __complete \"${(@)words[2,CURRENT]}\" 2>/dev/null)}\"; do\n"
    "        case $line in\n"
    "        :files) _files ;;\n"
    "        :dirs) _files -/ ;;\n"
    "        ?*) cands+=(\"$line\") ;;\n"
    "        esac\n"
    "    done\n"
    "    (( ${#cands} )) && compadd -Q -- \"${cands[@]}\"\n"
    "    return 0\n"
    "}\n"
    "_parley \"$@\"\n";

static const char usage[] =
    "Usage: parley completion bash|zsh\n"
    "\n"
    "Prints the shell completion script for bash or zsh: subcommands, each command's flags,\n"
    "strategy ids (match, play, --players) and the shipped scenarios' names (run, fit, design,\n"
    "sensitivity, play).  'make install' installs both; to use one without installing:\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley completion bash > parley.bash\n"
    "  parley completion zsh > _parley\n"
    "Then 'source parley.bash' (bash), or put _parley in a folder of $fpath (zsh).\n";

int cmd_completion(int argc, char **argv)
{
    int n_args;
    const cli_flag flags[] = {{0}};
    const cli_command cmd = {"completion", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args != 1) return cli_usage_error("completion", "expected the shell: bash or zsh (see --help)");
    if (!strcmp(argv[1], "bash")) fputs(bash_script, stdout);
    else if (!strcmp(argv[1], "zsh")) fputs(zsh_script, stdout);
    else return cli_usage_error("completion", "expected bash or zsh, got '%s'", argv[1]);
    return EXIT_OK;
}
