// SPDX-License-Identifier: GPL-2.0
/*
 * HFS and HFS+ volumes, read-only (hfs.h).  Offsets and record layouts
 * are Inside Macintosh: Files (HFS: the master directory block, B-tree
 * nodes of 512 bytes, catalog and extents records) and Apple TN1150
 * (HFS+: the volume header, HFSPlusForkData, the catalog and extents
 * records); each one is cited where it is used.
 */
#include "hfs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "be.h"
#include "log.h"

#define SIG_HFS		0x4244	/* 'BD' */
#define SIG_HFSPLUS	0x482b	/* 'H+' */
#define SIG_HFSX	0x4858	/* 'HX' */
#define VH_OFFSET	1024	/* the MDB / volume header, both formats */

#define CNID_EXTENTS	3	/* the extents overflow file's ID */
#define CNID_CATALOG	4

#define NODE_LEAF	0xff	/* ndType -1 */
#define NODE_HEADER	1
#define NODE_DESC	14	/* the node descriptor */

#define TYPE_TBXI	0x74627869u	/* 'tbxi' */
#define CREATOR_CHRP	0x63687270u	/* 'chrp' */
#define TYPE_FNDR	0x464e4452u	/* 'FNDR' */
#define TYPE_ZSYS	0x7a737973u	/* 'zsys' */
#define CREATOR_MACS	0x4d414353u	/* 'MACS' */
#define ROM_NAME	"Mac OS ROM"

#define MAX_EXTENTS	512		/* of one fork, overflow included */
#define MAX_NODES	(1u << 22)	/* a B-tree larger than this is refused */
#define MAX_FOLDERS	64		/* folders remembered by the full search */

struct extent {
	uint32_t start, count;		/* allocation blocks */
};

struct fork {
	uint32_t id;			/* the file's CNID */
	uint64_t size;			/* logical bytes */
	int n;				/* extents known */
	struct extent ext[MAX_EXTENTS];
};

struct vol {
	const struct hfs_dev *dev;
	bool plus;
	uint64_t ablk0;			/* byte offset of allocation block 0 */
	uint32_t blksize, nblocks;
	uint32_t blessed;		/* Finder info word 0 */
	struct fork extents, catalog;
	char *err;
	size_t errlen;
	bool failed;
};

static int fail(struct vol *v, const char *what)
{
	if (!v->failed)
		set_err(v->err, v->errlen, "%s volume: %s", v->plus ? "HFS+" : "HFS", what);
	v->failed = true;
	return -1;
}

/* len bytes at off of the volume, or false (out of the volume, I/O error) */
static bool dev_read(const struct hfs_dev *d, uint64_t off, void *buf, size_t len)
{
	size_t done = 0;

	if (off > d->size || len > d->size - off)
		return false;
	while (done < len) {
		ssize_t r = pread(d->fd, (uint8_t *)buf + done, len - done,
				  (off_t)(d->base + off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		done += (size_t)r;
	}
	return true;
}

/* ---- forks: extents, overflow, reads -------------------------------------- */

static int add_extent(struct vol *v, struct fork *f, uint32_t start, uint32_t count)
{
	if (!count)
		return 0;
	if (start > v->nblocks || count > v->nblocks - start)
		return fail(v, "an extent lies outside the volume");
	if (f->n == MAX_EXTENTS)
		return fail(v, "a file has too many extents");
	f->ext[f->n].start = start;
	f->ext[f->n].count = count;
	f->n++;
	return 0;
}

static uint64_t fork_blocks(const struct fork *f)
{
	uint64_t b = 0;
	int i;

	for (i = 0; i < f->n; i++)
		b += f->ext[i].count;
	return b;
}

/* The first extents of a fork as a record holds them: HFS 3 x (u16, u16),
 * HFS+ 8 x (u32, u32). */
static int extent_record(struct vol *v, struct fork *f, const uint8_t *rec)
{
	int i;

	for (i = 0; i < (v->plus ? 8 : 3); i++) {
		uint32_t start = v->plus ? be32_load(rec + 8 * i) : be16_load(rec + 4 * i);
		uint32_t count = v->plus ? be32_load(rec + 8 * i + 4) : be16_load(rec + 4 * i + 2);

		if (!count)
			break;
		if (add_extent(v, f, start, count))
			return -1;
	}
	return 0;
}

/* HFS+ HFSPlusForkData (TN1150): logicalSize u64, clumpSize, totalBlocks,
 * extents[8] at 16 */
static int fork_plus(struct vol *v, struct fork *f, uint32_t id, const uint8_t *fd)
{
	f->id = id;
	f->n = 0;
	f->size = be64_load(fd);
	return extent_record(v, f, fd + 16);
}

static int fork_hfs(struct vol *v, struct fork *f, uint32_t id, uint32_t size,
		    const uint8_t *rec)
{
	f->id = id;
	f->n = 0;
	f->size = size;
	return extent_record(v, f, rec);
}

/* Read len bytes at off of a fork whose extents cover it. */
static int fork_read(struct vol *v, const struct fork *f, uint64_t off, uint8_t *buf, size_t len)
{
	int i;

	for (i = 0; i < f->n && len; i++) {
		uint64_t ext_len = (uint64_t)f->ext[i].count * v->blksize;
		size_t n;

		if (off >= ext_len) {
			off -= ext_len;
			continue;
		}
		n = ext_len - off < len ? (size_t)(ext_len - off) : len;
		if (!dev_read(v->dev, v->ablk0 + (uint64_t)f->ext[i].start * v->blksize + off,
			      buf, n))
			return fail(v, "a file's data lies outside the image");
		buf += n;
		len -= n;
		off = 0;
	}
	return len ? fail(v, "a file is shorter than its extents say (truncated)") : 0;
}

/* ---- B-trees ---------------------------------------------------------------- */

struct btree {
	struct vol *v;
	const struct fork *f;
	const char *name;
	uint32_t node_size, nodes, first_leaf;
	uint8_t *node;
	uint8_t *seen;			/* one bit per node */
};

static int bt_open(struct vol *v, struct btree *t, const struct fork *f, const char *name)
{
	uint8_t hdr[NODE_DESC + 32];

	memset(t, 0, sizeof(*t));
	t->v = v;
	t->f = f;
	t->name = name;
	if (fork_read(v, f, 0, hdr, sizeof(hdr)))
		return -1;
	/* node 0: the header node; header record at 14: depth u16, root u32,
	 * leafRecords u32, firstLeaf u32, lastLeaf u32, nodeSize u16,
	 * maxKeyLen u16, totalNodes u32 */
	t->first_leaf = be32_load(hdr + NODE_DESC + 10);
	t->node_size = be16_load(hdr + NODE_DESC + 18);
	t->nodes = be32_load(hdr + NODE_DESC + 22);
	if (hdr[8] != NODE_HEADER || t->node_size < 512 || t->node_size > 32768 ||
	    (t->node_size & (t->node_size - 1)) || !t->nodes || t->nodes > MAX_NODES ||
	    (uint64_t)t->nodes * t->node_size > fork_blocks(f) * v->blksize)
		return fail(v, t->name);
	t->node = malloc(t->node_size);
	t->seen = calloc(t->nodes / 8 + 1, 1);
	if (!t->node || !t->seen)
		return fail(v, "out of memory");
	return 0;
}

static void bt_close(struct btree *t)
{
	free(t->node);
	free(t->seen);
}

/* One record of a leaf: its key and its data. */
struct rec {
	const uint8_t *key, *data;
	size_t keylen, datalen;	/* key: the whole key, length field included */
};

/* Record i of the node in t->node, or -1 (malformed node). */
static int bt_record(struct btree *t, unsigned int i, unsigned int nrec, struct rec *r)
{
	uint32_t ns = t->node_size;
	uint32_t off = be16_load(t->node + ns - 2 * (i + 1));
	uint32_t end = be16_load(t->node + ns - 2 * (i + 2));
	size_t klen;

	if (off < NODE_DESC || end <= off || end > ns - 2 * (nrec + 1))
		return -1;
	r->key = t->node + off;
	if (t->v->plus) {
		klen = 2 + (size_t)be16_load(r->key);
	} else {
		klen = 1 + (size_t)r->key[0];
		klen += klen & 1;		/* data starts on an even offset */
	}
	if (klen > end - off)
		return -1;
	r->keylen = klen;
	r->data = r->key + klen;
	r->datalen = end - off - klen;
	return 0;
}

/* Calls fn for every leaf record in order, following the leaves' forward
 * links from the first; fn returns 0 to go on, 1 to stop, -1 on error. */
static int bt_walk(struct btree *t, int (*fn)(struct vol *v, const struct rec *r, void *arg),
		   void *arg)
{
	uint32_t n = t->first_leaf;
	unsigned int i;

	while (n) {
		unsigned int nrec;

		if (n >= t->nodes)
			return fail(t->v, "a B-tree link points past the tree");
		if (t->seen[n / 8] & (1u << (n % 8)))
			return fail(t->v, "a loop in a B-tree's leaf chain");
		t->seen[n / 8] |= (uint8_t)(1u << (n % 8));
		if (fork_read(t->v, t->f, (uint64_t)n * t->node_size, t->node, t->node_size))
			return -1;
		nrec = be16_load(t->node + 10);
		if (t->node[8] != NODE_LEAF || 2 * (nrec + 1) > t->node_size - NODE_DESC)
			return fail(t->v, "a B-tree leaf chain reaches a node that is no leaf");
		for (i = 0; i < nrec; i++) {
			struct rec r;
			int x;

			if (bt_record(t, i, nrec, &r))
				return fail(t->v, "a malformed B-tree node");
			x = fn(t->v, &r, arg);
			if (x)
				return x;
		}
		n = be32_load(t->node);		/* fLink */
	}
	return 0;
}

/* ---- the extents overflow file ---------------------------------------------- */

struct ext_lookup {
	struct fork *f;
	uint32_t start;			/* the fork's block this record must begin at */
	bool found;
};

/* HFS key: len u8, forkType u8, fileID u32, startBlock u16; HFS+ key:
 * len u16, forkType u8, pad, fileID u32, startBlock u32 (data fork 0) */
static int ext_rec(struct vol *v, const struct rec *r, void *arg)
{
	struct ext_lookup *l = arg;
	uint32_t id, start;
	uint8_t fork;

	if (r->keylen < (v->plus ? 12u : 8u) || r->datalen < (v->plus ? 64u : 12u))
		return 0;
	fork = r->key[v->plus ? 2 : 1];
	id = be32_load(r->key + (v->plus ? 4 : 2));
	start = v->plus ? be32_load(r->key + 8) : be16_load(r->key + 6);
	if (fork || id != l->f->id || start != l->start)
		return 0;
	l->found = true;
	return extent_record(v, l->f, r->data) ? -1 : 1;
}

/* Extents past a record's first ones, until the fork covers its size. */
static int fork_complete(struct vol *v, struct fork *f)
{
	uint64_t need = (f->size + v->blksize - 1) / v->blksize;

	while (fork_blocks(f) < need) {
		struct ext_lookup l = { f, (uint32_t)fork_blocks(f), false };
		struct btree t;
		int r;

		if (f->id == CNID_EXTENTS || !v->extents.n)
			return fail(v, "a file is longer than its extents (truncated)");
		if (bt_open(v, &t, &v->extents, "a bad extents B-tree header"))
			return -1;
		r = bt_walk(&t, ext_rec, &l);
		bt_close(&t);
		if (r < 0)
			return -1;
		if (!l.found || fork_blocks(f) == l.start)
			return fail(v, "a file is longer than its extents (truncated)");
	}
	return 0;
}

/* ---- the catalog ------------------------------------------------------------ */

struct cat_file {
	uint32_t parent, type, creator;
	char name[32];			/* ASCII, '?' for anything else */
	const uint8_t *fork;		/* the data fork in the record */
	uint32_t id, hfs_size;		/* HFS: file ID, data fork length */
};

/* A file record as cat_file; false for any other record. HFS key: len u8,
 * reserved, parentID u32, name Str31; HFS+ key: len u16, parentID u32,
 * name (u16 length, UTF-16BE). */
static bool cat_file(struct vol *v, const struct rec *r, struct cat_file *f)
{
	size_t i, n;

	memset(f, 0, sizeof(*f));
	if (v->plus) {
		/* HFSPlusCatalogFile: type s16 = 2, fileID @8, userInfo
		 * (fdType, fdCreator) @48, dataFork @88; 248 bytes */
		if (r->keylen < 8 || r->datalen < 248 || be16_load(r->data) != 2)
			return false;
		f->parent = be32_load(r->key + 2);
		n = be16_load(r->key + 6);
		if (8 + 2 * n > r->keylen)
			return false;
		for (i = 0; i < n && i < sizeof(f->name) - 1; i++) {
			uint16_t c = be16_load(r->key + 8 + 2 * i);

			f->name[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
		}
		f->id = be32_load(r->data + 8);
		f->type = be32_load(r->data + 48);
		f->creator = be32_load(r->data + 52);
		f->fork = r->data + 88;
		return true;
	}
	/* cdrFilRec: type s8 = 2, FInfo @4 (fdType, fdCreator), filFlNum @20,
	 * filLgLen @26, filExtRec @74; 102 bytes */
	if (r->keylen < 7 || r->datalen < 102 || r->data[0] != 2)
		return false;
	f->parent = be32_load(r->key + 2);
	n = r->key[6];
	if (7 + n > r->keylen)
		return false;
	for (i = 0; i < n && i < sizeof(f->name) - 1; i++) {
		uint8_t c = r->key[7 + i];

		f->name[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	f->type = be32_load(r->data + 4);
	f->creator = be32_load(r->data + 8);
	f->id = be32_load(r->data + 20);
	f->hfs_size = be32_load(r->data + 26);
	f->fork = r->data + 74;
	return true;
}

struct search {
	enum hfs_search how;
	struct fork *rom;		/* the file's data fork, once chosen */
	bool found;
	/* the full search: candidates and the folders holding Finder/System */
	uint32_t cand[MAX_FOLDERS];
	int ncand;
	uint32_t finder[MAX_FOLDERS], system[MAX_FOLDERS];
	int nfinder, nsystem;
	uint32_t want_parent;		/* second pass: the candidate's folder */
};

static bool in(const uint32_t *set, int n, uint32_t x)
{
	int i;

	for (i = 0; i < n; i++)
		if (set[i] == x)
			return true;
	return false;
}

static void remember(uint32_t *set, int *n, uint32_t x)
{
	if (*n < MAX_FOLDERS && !in(set, *n, x))
		set[(*n)++] = x;
}

static int take(struct vol *v, struct search *s, const struct cat_file *f)
{
	int r = v->plus ? fork_plus(v, s->rom, f->id, f->fork) :
			  fork_hfs(v, s->rom, f->id, f->hfs_size, f->fork);

	if (r)
		return -1;
	s->found = true;
	return 1;
}

static int cat_rec(struct vol *v, const struct rec *r, void *arg)
{
	struct search *s = arg;
	struct cat_file f;

	if (!cat_file(v, r, &f))
		return 0;
	if (s->how == HFS_BLESSED_TBXI)
		return f.parent == v->blessed && f.type == TYPE_TBXI ? take(v, s, &f) : 0;
	if (s->want_parent) {
		/* the second pass: the ROM file of the folder chosen */
		return f.parent == s->want_parent && f.type == TYPE_TBXI &&
		       f.creator == CREATOR_CHRP && !strcasecmp(f.name, ROM_NAME) ?
		       take(v, s, &f) : 0;
	}
	if (f.type == TYPE_TBXI && f.creator == CREATOR_CHRP && !strcasecmp(f.name, ROM_NAME))
		remember(s->cand, &s->ncand, f.parent);
	if (f.type == TYPE_FNDR && f.creator == CREATOR_MACS)
		remember(s->finder, &s->nfinder, f.parent);
	if (f.type == TYPE_ZSYS && f.creator == CREATOR_MACS)
		remember(s->system, &s->nsystem, f.parent);
	return 0;
}

static int catalog_walk(struct vol *v, struct search *s)
{
	struct btree t;
	int r;

	if (bt_open(v, &t, &v->catalog, "a bad catalog B-tree header"))
		return -1;
	r = bt_walk(&t, cat_rec, s);
	bt_close(&t);
	return r < 0 ? -1 : 0;
}

static int search(struct vol *v, enum hfs_search how, struct fork *rom)
{
	struct search *s = calloc(1, sizeof(*s));
	int i, r;

	if (!s)
		return fail(v, "out of memory");
	s->how = how;
	s->rom = rom;
	if (how == HFS_BLESSED_TBXI && !v->blessed) {
		free(s);
		return 0;		/* no blessed folder */
	}
	r = catalog_walk(v, s);
	for (i = 0; !r && !s->found && i < s->ncand; i++) {
		if (!in(s->finder, s->nfinder, s->cand[i]) || !in(s->system, s->nsystem, s->cand[i]))
			continue;
		s->want_parent = s->cand[i];
		r = catalog_walk(v, s);
	}
	r = r ? -1 : s->found;
	free(s);
	return r;
}

/* ---- volumes ---------------------------------------------------------------- */

/* HFS+ volume header (TN1150): signature u16, blockSize u32 @40,
 * totalBlocks u32 @44, finderInfo u32[8] @80, extentsFile @192,
 * catalogFile @272 */
static int open_plus(struct vol *v, const uint8_t *vh)
{
	v->plus = true;
	v->ablk0 = 0;
	v->blksize = be32_load(vh + 40);
	v->nblocks = be32_load(vh + 44);
	/* finderInfo[0], the preferred boot folder; [3], the Mac OS 9 one,
	 * when [0] is empty (openbios fs/hfsplus/hfsp_fs.c lists both) */
	v->blessed = be32_load(vh + 80) ? be32_load(vh + 80) : be32_load(vh + 80 + 12);
	if (v->blksize < 512 || (v->blksize & (v->blksize - 1)) || !v->nblocks ||
	    (uint64_t)v->nblocks * v->blksize > v->dev->size)
		return fail(v, "a bad volume header (block size or count)");
	if (fork_plus(v, &v->extents, CNID_EXTENTS, vh + 192) ||
	    fork_plus(v, &v->catalog, CNID_CATALOG, vh + 272))
		return -1;
	return fork_complete(v, &v->catalog);
}

/* HFS master directory block (Inside Macintosh: Files 2-60): drNmAlBlks
 * u16 @18, drAlBlkSiz u32 @20, drAlBlSt u16 @28, drFndrInfo @92,
 * drEmbedSigWord @124, drEmbedExtent @126, drXTFlSize @130, drXTExtRec
 * @134, drCTFlSize @146, drCTExtRec @150 */
static int open_hfs(struct vol *v, const uint8_t *mdb)
{
	v->plus = false;
	v->ablk0 = (uint64_t)be16_load(mdb + 28) * 512;
	v->blksize = be32_load(mdb + 20);
	v->nblocks = be16_load(mdb + 18);
	v->blessed = be32_load(mdb + 92);
	if (!v->blksize || v->blksize % 512 || !v->nblocks || v->ablk0 > v->dev->size ||
	    (uint64_t)v->nblocks * v->blksize > v->dev->size - v->ablk0)
		return fail(v, "a bad master directory block (allocation blocks)");
	if (fork_hfs(v, &v->extents, CNID_EXTENTS, be32_load(mdb + 130), mdb + 134) ||
	    fork_hfs(v, &v->catalog, CNID_CATALOG, be32_load(mdb + 146), mdb + 150))
		return -1;
	return fork_complete(v, &v->catalog);
}

int hfs_find_rom(const struct hfs_dev *dev, enum hfs_search how, size_t max,
		 struct hfs_file *out, char *err, size_t errlen)
{
	struct vol *v = calloc(1, sizeof(*v));
	struct hfs_dev embedded;
	struct fork *rom = calloc(1, sizeof(*rom));
	uint8_t vh[512];
	int r;

	memset(out, 0, sizeof(*out));
	if (!v || !rom) {
		free(v);
		free(rom);
		return set_err(err, errlen, "out of memory");
	}
	v->dev = dev;
	v->err = err;
	v->errlen = errlen;
	r = dev_read(dev, VH_OFFSET, vh, sizeof(vh)) ? 0 : 1;
	if (!r && be16_load(vh) == SIG_HFS && be16_load(vh + 124) == SIG_HFSPLUS) {
		/* an HFS wrapper: the HFS+ volume is its embedded extent
		 * (drEmbedExtent: startBlock u16, blockCount u16) */
		uint64_t ablk0 = (uint64_t)be16_load(vh + 28) * 512, bs = be32_load(vh + 20);

		embedded.fd = dev->fd;
		embedded.base = dev->base + ablk0 + be16_load(vh + 126) * bs;
		embedded.size = be16_load(vh + 128) * bs;
		if (!bs || ablk0 + be16_load(vh + 126) * bs > dev->size ||
		    embedded.size > dev->size - (embedded.base - dev->base)) {
			r = fail(v, "the embedded HFS+ volume lies outside the wrapper");
		} else {
			v->dev = dev = &embedded;
			r = dev_read(dev, VH_OFFSET, vh, sizeof(vh)) ? 0 : 1;
			if (!r && be16_load(vh) != SIG_HFSPLUS && be16_load(vh) != SIG_HFSX)
				r = fail(v, "the HFS wrapper's embedded volume is not HFS+");
		}
	}
	if (!r) {
		if (be16_load(vh) == SIG_HFSPLUS || be16_load(vh) == SIG_HFSX)
			r = open_plus(v, vh);
		else if (be16_load(vh) == SIG_HFS)
			r = open_hfs(v, vh);
		else
			r = 1;			/* not HFS at all */
	}
	if (!r)
		r = search(v, how, rom);
	else
		r = r > 0 ? 0 : -1;
	if (r == 1 && (rom->size > max || fork_complete(v, rom)))
		r = v->failed ? -1 : set_err(err, errlen, "the ROM file is larger than %zu bytes", max);
	if (r == 1) {
		out->len = (size_t)rom->size;
		out->data = malloc(out->len ? out->len : 1);
		out->fstype = v->plus ? "HFS+" : "HFS";
		if (!out->data) {
			r = set_err(err, errlen, "out of memory");
		} else if (fork_read(v, rom, 0, out->data, out->len)) {
			free(out->data);
			out->data = NULL;
			r = -1;
		}
	}
	free(rom);
	free(v);
	return r;
}
