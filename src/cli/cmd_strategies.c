/* cmd_strategies.c — `parley strategies`: the registry as a table or as JSON lines. */
#include <getopt.h>
#include <jansson.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: parley strategies [--json] [--family NAME]\n"
    "\n"
    "Lists every strategy parley can play: its id (what you type), its name, the\n"
    "Axelrod-Python name it matches, whether it draws random numbers, how many\n"
    "turns back it looks, and its parameters with their defaults.\n"
    "\n"
    "  --json         one JSON object a line: id, name, axelrod_name, family,\n"
    "                 stochastic, memory_depth (null = unbounded), params, reference\n"
    "  --family NAME  only that family (classic, axelrod_first, finite_state, ...)\n"
    "\n"
    "Name a strategy by id with parameters as id:key=value,key=value, e.g.\n"
    "  parley match gtft:p=0.2 defector --turns 100\n";

static json_t *info_json(const pl_strategy_info *in)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(in->id));
    json_object_set_new(o, "name", json_string(in->name));
    json_object_set_new(o, "axelrod_name", in->axelrod_name ? json_string(in->axelrod_name) : json_null());
    json_object_set_new(o, "family", json_string(in->family));
    json_object_set_new(o, "stochastic", json_boolean(in->stochastic));
    json_object_set_new(o, "memory_depth", in->memory_depth < 0 ? json_null() : json_integer(in->memory_depth));
    json_object_set_new(o, "uses_match_length", json_boolean(in->uses_length));
    json_object_set_new(o, "uses_game", json_boolean(in->uses_game));
    json_t *params = json_object();
    for (int i = 0; i < in->n_params; i++) {
        const pl_param_info *p = &in->params[i];
        json_object_set_new(params, p->key,
                            p->kind == PL_PARAM_ACTIONS ? json_string(p->def_text ? p->def_text : "")
                            : p->kind == PL_PARAM_INT   ? json_integer((json_int_t)p->def)
                                                        : json_real(p->def));
    }
    json_object_set_new(o, "params", params);
    json_object_set_new(o, "reference", in->reference ? json_string(in->reference) : json_null());
    return o;
}

int cmd_strategies(int argc, char **argv)
{
    int as_json = 0;
    const char *family = NULL;
    static const struct option opts[] = {
        {"json", no_argument, 0, 'j'}, {"family", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': as_json = 1; break;
        case 'f': family = optarg; break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default: fputs(help, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) return cli_usage_error("strategies", "unexpected argument '%s' (see --help)", argv[optind]);
    size_t n = pl_strategy_count(), shown = 0;
    if (family) {
        int found = 0;
        for (size_t i = 0; i < n; i++) found |= !strcmp(pl_strategy_info_at(i)->family, family);
        if (!found) return cli_usage_error("strategies", "--family: no family named '%s'", family);
    }
    if (!as_json) printf("%-28s %-36s %-5s %-6s %s\n", "ID", "NAME", "RAND", "MEMORY", "PARAMETERS");
    for (size_t i = 0; i < n; i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (family && strcmp(in->family, family)) continue;
        shown++;
        if (as_json) {
            json_t *o = info_json(in);
            char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
            puts(s);
            free(s);
            json_decref(o);
            continue;
        }
        char mem[16], params[160] = "";
        if (in->memory_depth < 0) strcpy(mem, "inf");
        else snprintf(mem, sizeof mem, "%d", in->memory_depth);
        size_t k = 0;
        for (int j = 0; j < in->n_params && k < sizeof params; j++) {
            const pl_param_info *p = &in->params[j];
            if (p->kind == PL_PARAM_ACTIONS)
                k += (size_t)snprintf(params + k, sizeof params - k, "%s%s=%s", j ? "," : "", p->key, p->def_text);
            else
                k += (size_t)snprintf(params + k, sizeof params - k, "%s%s=%g", j ? "," : "", p->key, p->def);
        }
        printf("%-28s %-36s %-5s %-6s %s\n", in->id, in->name, in->stochastic ? "yes" : "no", mem, params);
    }
    if (!as_json) printf("\n%zu strategies. Name one by its id, e.g. 'parley match tft defector'.\n", shown);
    return EXIT_OK;
}
