// SPDX-License-Identifier: GPL-2.0
/*
 * The commands of the control socket, in QEMU QMP's names and reply
 * shapes (QEMU qapi/ schemas) so existing QMP clients work: screendump, sendkey,
 * type, mouse_move, mouse_button, query-status, system_powerdown, quit,
 * plus console-write (bytes for the serial console).
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "control_priv.h"
#include "fb_png.h"
#include "input.h"
#include "keymap.h"

#include <linux/input-event-codes.h>

#define MAX_KEYS 16

typedef struct json_object *(*cmd_fn)(struct control *c, struct json_object *args,
				      char *err, size_t errlen);

static struct json_object *empty(void)
{
	return json_object_new_object();
}

static const char *arg_string(struct json_object *args, const char *name)
{
	struct json_object *v;

	if (!args || !json_object_object_get_ex(args, name, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* An integer argument: 0 and *out set, 1 when absent, -1 when not an int. */
static int arg_int(struct json_object *args, const char *name, int64_t *out)
{
	struct json_object *v;

	if (!args || !json_object_object_get_ex(args, name, &v))
		return 1;
	if (!json_object_is_type(v, json_type_int))
		return -1;
	*out = json_object_get_int64(v);
	return 0;
}

static void key(struct control *c, uint16_t code, bool down)
{
	struct input_event ev = { .kind = INPUT_KEY, .code = code, .down = down };

	input_post(c->input, &ev);
}

static struct json_object *cmd_capabilities(struct control *c, struct json_object *args,
					    char *err, size_t errlen)
{
	(void)c; (void)args; (void)err; (void)errlen;
	return empty();
}

static struct json_object *cmd_query_status(struct control *c, struct json_object *args,
					    char *err, size_t errlen)
{
	struct json_object *r = json_object_new_object();

	(void)args; (void)err; (void)errlen;
	json_object_object_add(r, "running", json_object_new_boolean(c->running));
	json_object_object_add(r, "status",
			       json_object_new_string(c->running ? "running" : "shutdown"));
	return r;
}

static struct json_object *cmd_screendump(struct control *c, struct json_object *args,
					  char *err, size_t errlen)
{
	const char *path = arg_string(args, "filename");
	struct xrgb_image img;
	int r;

	if (!path || !*path) {
		snprintf(err, errlen, "screendump needs 'filename'");
		return NULL;
	}
	if (fb_capture(c->fb, &img, err, errlen))
		return NULL;
	r = png_write_xrgb(path, &img, err, errlen);
	xrgb_image_free(&img);
	return r ? NULL : empty();
}

/* sendkey {"keys": [{"type": "qcode", "data": "ctrl"}, ...]} or plain
 * strings: press in order, release in reverse (QEMU's semantics). */
static struct json_object *cmd_sendkey(struct control *c, struct json_object *args,
				       char *err, size_t errlen)
{
	struct json_object *keys, *k, *d;
	uint16_t codes[MAX_KEYS];
	size_t n, i;

	(void)c;
	if (!args || !json_object_object_get_ex(args, "keys", &keys) ||
	    !json_object_is_type(keys, json_type_array) || !json_object_array_length(keys)) {
		snprintf(err, errlen, "sendkey needs 'keys', a non-empty list");
		return NULL;
	}
	n = json_object_array_length(keys);
	if (n > MAX_KEYS) {
		snprintf(err, errlen, "sendkey takes at most %d keys", MAX_KEYS);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		const char *name = NULL;
		int64_t num;

		k = json_object_array_get_idx(keys, i);
		if (json_object_is_type(k, json_type_string))
			name = json_object_get_string(k);
		else if (json_object_is_type(k, json_type_object) &&
			 json_object_object_get_ex(k, "data", &d)) {
			if (json_object_is_type(d, json_type_string))
				name = json_object_get_string(d);
			else if (json_object_is_type(d, json_type_int) &&
				 (num = json_object_get_int64(d)) > 0 && num < KEY_MAX) {
				codes[i] = (uint16_t)num;	/* "number": an evdev code */
				continue;
			}
		}
		codes[i] = name ? keymap_name_to_evdev(name) : 0;
		if (!codes[i]) {
			snprintf(err, errlen, "sendkey: unknown key '%s'",
				 name ? name : json_object_to_json_string(k));
			return NULL;
		}
	}
	for (i = 0; i < n; i++)
		key(c, codes[i], true);
	while (n--)
		key(c, codes[n], false);
	return empty();
}

static struct json_object *cmd_type(struct control *c, struct json_object *args,
				    char *err, size_t errlen)
{
	const char *text = arg_string(args, "text"), *p;
	uint16_t code;
	bool shift;

	(void)c;
	if (!text) {
		snprintf(err, errlen, "type needs 'text'");
		return NULL;
	}
	for (p = text; *p; p++)
		if (!keymap_char_to_evdev(*p, &code, &shift)) {
			snprintf(err, errlen, "type: cannot type character 0x%02x",
				 (unsigned char)*p);
			return NULL;
		}
	for (p = text; *p; p++) {
		keymap_char_to_evdev(*p, &code, &shift);
		if (shift)
			key(c, KEY_LEFTSHIFT, true);
		key(c, code, true);
		key(c, code, false);
		if (shift)
			key(c, KEY_LEFTSHIFT, false);
	}
	return empty();
}

/* mouse_move {"x", "y"} (absolute, framebuffer pixels) or {"dx", "dy"}. */
static struct json_object *cmd_mouse_move(struct control *c, struct json_object *args,
					  char *err, size_t errlen)
{
	struct input_event ev = { .kind = INPUT_MOUSE_ABS };
	int64_t x, y, dx = 0, dy = 0;
	int rx = arg_int(args, "x", &x), ry = arg_int(args, "y", &y);
	int rdx = arg_int(args, "dx", &dx), rdy = arg_int(args, "dy", &dy);

	(void)c;
	if (rx == 0 && ry == 0) {
		if (x < 0 || y < 0 || x > 65535 || y > 65535) {
			snprintf(err, errlen, "mouse_move: x and y must be 0..65535");
			return NULL;
		}
		ev.x = (uint32_t)x;
		ev.y = (uint32_t)y;
	} else if (rx == 1 && ry == 1 && rdx >= 0 && rdy >= 0 && (rdx == 0 || rdy == 0) &&
		   dx > -65536 && dx < 65536 && dy > -65536 && dy < 65536) {
		ev.kind = INPUT_MOUSE_REL;
		ev.dx = (int32_t)dx;
		ev.dy = (int32_t)dy;
	} else {
		snprintf(err, errlen, "mouse_move needs integers 'x' and 'y', or 'dx' and/or 'dy'");
		return NULL;
	}
	input_post(c->input, &ev);
	return empty();
}

/* mouse_button {"button": "left"|"right"|"middle", "down": bool};
 * without "down" a click (press and release). */
static struct json_object *cmd_mouse_button(struct control *c, struct json_object *args,
					    char *err, size_t errlen)
{
	static const char *const names[] = { "left", "right", "middle" };
	struct input_event ev = { .kind = INPUT_MOUSE_BUTTON };
	const char *b = arg_string(args, "button");
	struct json_object *down = NULL;
	unsigned int i;

	(void)c;
	for (i = 0; b && i < 3; i++)
		if (!strcmp(b, names[i]))
			break;
	if (!b || i == 3) {
		snprintf(err, errlen, "mouse_button needs 'button': left, right or middle");
		return NULL;
	}
	ev.button = (uint8_t)i;
	if (json_object_object_get_ex(args, "down", &down)) {
		if (!json_object_is_type(down, json_type_boolean)) {
			snprintf(err, errlen, "mouse_button: 'down' must be true or false");
			return NULL;
		}
		ev.down = json_object_get_boolean(down);
		input_post(c->input, &ev);
	} else {
		ev.down = true;
		input_post(c->input, &ev);
		ev.down = false;
		input_post(c->input, &ev);
	}
	return empty();
}

static struct json_object *cmd_console_write(struct control *c, struct json_object *args,
					     char *err, size_t errlen)
{
	const char *text = arg_string(args, "text");

	if (!text) {
		snprintf(err, errlen, "console-write needs 'text'");
		return NULL;
	}
	if (c->ops && c->ops->console_input)
		c->ops->console_input(c->arg, text, strlen(text));
	return empty();
}

static struct json_object *cmd_powerdown(struct control *c, struct json_object *args,
					 char *err, size_t errlen)
{
	(void)args; (void)err; (void)errlen;
	if (c->ops && c->ops->powerdown)
		c->ops->powerdown(c->arg);
	return empty();
}

static struct json_object *cmd_quit(struct control *c, struct json_object *args,
				    char *err, size_t errlen)
{
	(void)args; (void)err; (void)errlen;
	if (c->ops && c->ops->quit)
		c->ops->quit(c->arg);
	return empty();
}

static const struct {
	const char *name;
	cmd_fn fn;
} commands[] = {
	{ "qmp_capabilities", cmd_capabilities },
	{ "query-status", cmd_query_status },
	{ "screendump", cmd_screendump },
	{ "sendkey", cmd_sendkey },
	{ "type", cmd_type },
	{ "mouse_move", cmd_mouse_move },
	{ "mouse_button", cmd_mouse_button },
	{ "console-write", cmd_console_write },
	{ "system_powerdown", cmd_powerdown },
	{ "quit", cmd_quit },
};

static struct json_object *error_reply(const char *cls, const char *desc)
{
	struct json_object *r = json_object_new_object(), *e = json_object_new_object();

	json_object_object_add(e, "class", json_object_new_string(cls));
	json_object_object_add(e, "desc", json_object_new_string(desc));
	json_object_object_add(r, "error", e);
	return r;
}

struct json_object *control_execute(struct control *c, struct json_object *req)
{
	struct json_object *name_obj, *args = NULL, *id, *ret, *reply;
	const char *name;
	char err[256] = "";
	size_t i;

	if (!req || !json_object_is_type(req, json_type_object) ||
	    !json_object_object_get_ex(req, "execute", &name_obj) ||
	    !json_object_is_type(name_obj, json_type_string))
		return error_reply("GenericError", "expected {\"execute\": NAME, ...}");
	name = json_object_get_string(name_obj);
	if (json_object_object_get_ex(req, "arguments", &args) &&
	    !json_object_is_type(args, json_type_object)) {
		reply = error_reply("GenericError", "'arguments' must be an object");
		goto out;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		snprintf(err, sizeof(err), "The command %s has not been found", name);
		reply = error_reply("CommandNotFound", err);
		goto out;
	}
	ret = commands[i].fn(c, args, err, sizeof(err));
	if (!ret) {
		reply = error_reply("GenericError", err[0] ? err : "failed");
	} else {
		reply = json_object_new_object();
		json_object_object_add(reply, "return", ret);
	}
out:
	if (json_object_object_get_ex(req, "id", &id))
		json_object_object_add(reply, "id", json_object_get(id));
	return reply;
}
