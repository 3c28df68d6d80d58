/*
 * Hash map with open addressing and linear probing, deleting by backward
 * shift (no tombstones). Keys are hashed with SipHash-1-3 under a key
 * drawn from getrandom() once per process, so keys taken from hostile
 * files cannot be chosen to collide.
 */

#include <pthread.h>
#include <string.h>
#include <sys/random.h>

#include "ward/map.h"
#include "ward/mem.h"

struct slot {
	struct str key;
	void *val; /* NULL marks an empty slot */
	uint64_t hash;
};

struct map {
	struct slot *slots;
	size_t cap; /* a power of two */
	size_t len;
};

static uint64_t sip_k0, sip_k1;
static pthread_once_t sip_once = PTHREAD_ONCE_INIT;

static void
sip_init(void)
{
	uint64_t k[2] = {0x736f6d6570736575ULL, 0x646f72616e646f6dULL};

	/* Without entropy the map still works, only with a fixed key. */
	(void)!getrandom(k, sizeof(k), GRND_NONBLOCK);
	sip_k0 = k[0];
	sip_k1 = k[1];
}

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                               \
	do {                                                                   \
		v0 += v1;                                                      \
		v1 = ROTL(v1, 13);                                             \
		v1 ^= v0;                                                      \
		v0 = ROTL(v0, 32);                                             \
		v2 += v3;                                                      \
		v3 = ROTL(v3, 16);                                             \
		v3 ^= v2;                                                      \
		v0 += v3;                                                      \
		v3 = ROTL(v3, 21);                                             \
		v3 ^= v0;                                                      \
		v2 += v1;                                                      \
		v1 = ROTL(v1, 17);                                             \
		v1 ^= v2;                                                      \
		v2 = ROTL(v2, 32);                                             \
	} while (0)

uint64_t
map_hash(struct str s)
{
	const unsigned char *p = (const unsigned char *)s.p;
	uint64_t v0, v1, v2, v3, m, b = (uint64_t)s.len << 56;
	size_t i, full = s.len & ~(size_t)7;

	pthread_once(&sip_once, sip_init);
	v0 = sip_k0 ^ 0x736f6d6570736575ULL;
	v1 = sip_k1 ^ 0x646f72616e646f6dULL;
	v2 = sip_k0 ^ 0x6c7967656e657261ULL;
	v3 = sip_k1 ^ 0x7465646279746573ULL;
	for (i = 0; i < full; i += 8) {
		memcpy(&m, p + i, 8);
		v3 ^= m;
		SIPROUND;
		v0 ^= m;
	}
	for (size_t j = 0; i + j < s.len; j++)
		b |= (uint64_t)p[i + j] << (8 * j);
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

struct map *
map_new(void)
{
	struct map *m = xcalloc(1, sizeof(*m));

	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void
map_free(struct map *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}

size_t
map_len(const struct map *m)
{
	return m->len;
}

static size_t
find(const struct map *m, struct str key, uint64_t h)
{
	size_t mask = m->cap - 1, i = h & mask;

	while (m->slots[i].val) {
		if (m->slots[i].hash == h && str_eq(m->slots[i].key, key))
			return i;
		i = (i + 1) & mask;
	}
	return i; /* the empty slot where it would go */
}

void *
map_get(const struct map *m, struct str key)
{
	return m->slots[find(m, key, map_hash(key))].val;
}

bool
map_has(const struct map *m, struct str key)
{
	return map_get(m, key) != NULL;
}

static void
grow(struct map *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;

	if (!size_mul(m->cap, 2, &m->cap))
		die_oom();
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].val)
			m->slots[find(m, old[i].key, old[i].hash)] = old[i];
	free(old);
}

void *
map_put(struct map *m, struct str key, void *val)
{
	uint64_t h = map_hash(key);
	size_t i = find(m, key, h);
	void *prev = m->slots[i].val;

	if (prev) {
		m->slots[i].val = val;
		return prev;
	}
	if ((m->len + 1) * 4 > m->cap * 3) {
		grow(m);
		i = find(m, key, h);
	}
	m->slots[i] = (struct slot){key, val, h};
	m->len++;
	return NULL;
}

void *
map_del(struct map *m, struct str key)
{
	size_t mask = m->cap - 1, i = find(m, key, map_hash(key)), j;
	void *val = m->slots[i].val;

	if (!val)
		return NULL;
	/* Backward shift: pull later entries of the run into the hole. */
	j = i;
	for (;;) {
		size_t home;

		m->slots[i].val = NULL;
		do {
			j = (j + 1) & mask;
			if (!m->slots[j].val)
				goto done;
			home = m->slots[j].hash & mask;
		} while (
		    i <= j ? (i < home && home <= j) : (i < home || home <= j));
		m->slots[i] = m->slots[j];
		i = j;
	}
done:
	m->len--;
	return val;
}

bool
map_next(const struct map *m, size_t *iter, struct str *key, void **val)
{
	while (*iter < m->cap) {
		const struct slot *s = &m->slots[(*iter)++];

		if (s->val) {
			*key = s->key;
			*val = s->val;
			return true;
		}
	}
	return false;
}
