// SPDX-License-Identifier: GPL-2.0
/*
 * call-method and interpret (IEEE 1275 6.3.2.1).
 *
 * call-method ( method ihandle stack-arg1 ... -- catch-result stack-ret1 ... ):
 * stack-arg1 is the top of the method's stack, so a Forth method
 * ( phys virt size mode -- ) gets mode in the first argument cell; the
 * results come back the same way, top first.  catch-result is 0 when the
 * method ran, -1 (molvm's throw) for an unknown method, a bad ihandle,
 * too few arguments or a method that failed.
 *
 * interpret: molvm has no Forth.  It answers the two command lines
 * Linux's prom_init sends (arch/powerpc/kernel/prom_init.c, only to
 * Longtrail's and old PowerMac firmware, whose "model" molvm's /openprom
 * does not claim): "dev /memory 0 to allow-reclaim" (a no-op here: claims
 * are never reclaimed) and "dev PATH VALUE LEN NAME NAMELEN property"
 * (setprop, numbers in hex); anything else throws -13, Forth's
 * "undefined word".
 */
#include <stdlib.h>
#include <string.h>

#include "of_fw.h"

#define OF_METHOD_MAX	32		/* method names, with the NUL */
#define OF_INTERPRET_MAX 256
#define THROW_UNDEFINED	((uint32_t)-13)

static const struct of_method *methods_of(enum of_inst_type type)
{
	switch (type) {
	case OF_INST_MMU:
		return of_mmu_methods;
	case OF_INST_MEMORY:
		return of_memory_methods;
	case OF_INST_RTAS:
		return of_rtas_methods;
	case OF_INST_DISK:
		return of_disk_methods;
	case OF_INST_DISPLAY:
		return of_display_methods;
	case OF_INST_NVRAM:
		return of_nvram_methods;
	default:
		return NULL;
	}
}

void of_svc_call_method(struct of_call *c)
{
	struct of_instance *in = of_instance(c->fw, c->a[1]);
	const struct of_method *m = in ? methods_of(in->type) : NULL;
	uint32_t nsa = c->nargs - 2;
	char name[OF_METHOD_MAX];

	c->r[0] = OF_THROW;
	if (!m || !gview_read_str(&c->prom.view, c->a[0], name, sizeof(name)))
		return;
	for (; m->name; m++) {
		if (strcmp(m->name, name))
			continue;
		if (nsa >= m->nargs)
			c->r[0] = m->fn(c, in, &c->a[2], nsa, &c->r[1]);
		return;
	}
}

/* The next blank-separated word of *s (in place), or NULL. */
static char *word(char **s)
{
	char *w;

	while (**s == ' ' || **s == '\t' || **s == '\n')
		(*s)++;
	if (!**s)
		return NULL;
	w = *s;
	while (**s && **s != ' ' && **s != '\t' && **s != '\n')
		(*s)++;
	if (**s)
		*(*s)++ = 0;
	return w;
}

static bool hex(const char *w, uint32_t *v)
{
	char *end;
	unsigned long x;

	if (!w)
		return false;
	x = strtoul(w, &end, 16);
	if (*end || end == w || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

void of_svc_interpret(struct of_call *c)
{
	char cmd[OF_INTERPRET_MAX], *s = cmd, *w[8];
	uint32_t val, len, name, namelen;
	int n = 0, off;

	c->r[0] = THROW_UNDEFINED;
	if (!gview_read_str(&c->prom.view, c->a[0], cmd, sizeof(cmd)))
		return;
	while (n < 8 && (w[n] = word(&s)))
		n++;
	if (n < 2 || word(&s) || strcmp(w[0], "dev"))
		return;
	if (n == 5 && !strcmp(w[1], "/memory") && !strcmp(w[2], "0") && !strcmp(w[3], "to") &&
	    !strcmp(w[4], "allow-reclaim")) {
		c->r[0] = 0;
		return;
	}
	/* dev PATH VALUE LEN NAME NAMELEN property; the name is NUL-terminated
	 * too, so NAMELEN only has to be a number */
	if (n != 7 || strcmp(w[6], "property") || !hex(w[2], &val) || !hex(w[3], &len) ||
	    !hex(w[4], &name) || !hex(w[5], &namelen))
		return;
	off = prom_resolve(c->prom.fdt, w[1], NULL, 0);
	c->r[0] = off < 0 || prom_setprop(&c->prom, prom_phandle(&c->prom, off), name, val,
					  (int32_t)len) == OF_ERR ? OF_THROW : 0;
}
