// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * registry.c - the class registry: CLSID -> component, and its trust checks
 *
 * Every class file is read, and every trusted component checked and
 * loaded, in pmp_registry_open(): a sandboxed host seals its seccomp filter
 * after that call and never opens a file again.  A component is loaded
 * through the descriptor its checks and digest were made on
 * (/proc/self/fd/N), so that a file swapped under its name after the check
 * is never the one loaded.  That descriptor stays open while the component
 * is loaded: the dynamic loader knows an object by the name it was opened
 * with, and a reused descriptor number would name another file.  Each
 * component file is loaded once per registry, however many classes it
 * serves.  Lookups only read, from any thread.  libpmp's built-in classes
 * (CLSID_PmpMediaSession) are served by every registry, after its class
 * files, and need no trust check: they are libpmp.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <openssl/crypto.h>

#include "pmp/mferror.h"
#include "pmp/pmpmedia.h"
#include "pmp/pmpproxy.h"
#include "pmp/winerror.h"

#include "cleanup.h"
#include "config.h"
#include "registry.h"
#include "trust.h"

/* A class file is small; anything larger is not one. */
#define CLASS_FILE_MAX 4096
#define CLASS_SUFFIX ".class"

typedef int32_t (*get_class_object_fn)(const pmp_guid *clsid,
				       const pmp_guid *iid, void **ppv);

/**
 * struct pmp_component - one loaded component file
 * @dev, @ino: the file.
 * @fd: the descriptor it was checked, hashed and loaded through.
 * @sha256: its digest.
 * @dl: the dlopen() handle.
 * @get_class_object: its DllGetClassObject.
 * @pinned: it registered proxy/stub pairs: never unloaded, and its
 *	descriptor never closed (its number is the name it is loaded by).
 */
struct pmp_component {
	dev_t dev;
	ino_t ino;
	int fd;
	uint8_t sha256[PMP_SHA256_SIZE];
	void *dl;
	get_class_object_fn get_class_object;
	bool pinned;
};

/**
 * struct pmp_class - one registered class
 * @clsid: the class.
 * @component: index of its component in &pmp_registry.components when the
 *	class is trusted, else -1.
 */
struct pmp_class {
	pmp_guid clsid;
	int component;
};

/**
 * struct pmp_registry - the classes of one registry directory
 * @classes: every class, trusted or not.
 * @count: length of @classes.
 * @trusted: classes whose component is loaded.
 * @components: the components loaded.
 * @nr_components: length of @components.
 */
struct pmp_registry {
	struct pmp_class *classes;
	unsigned int count;
	unsigned int trusted;
	struct pmp_component *components;
	unsigned int nr_components;
};

/* What one class file says. */
struct class_file {
	pmp_guid clsid;
	char path[PATH_MAX];
	uint8_t sha256[PMP_SHA256_SIZE];
};

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parses exactly @n bytes of hex from @s into @out. */
static int parse_hex(const char *s, uint8_t *out, size_t n)
{
	size_t i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		hi = hex_value(s[2 * i]);
		lo = hex_value(hi < 0 ? 'x' : s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[i] = hi << 4 | lo;
	}
	return 0;
}

/*
 * Parses the registry form of a GUID, {8D2F5C61-3E0B-4C47-9A51-6B7E0C2D9F14}
 * (braces optional), into Microsoft's memory layout.
 */
static int parse_guid(const char *s, pmp_guid *guid)
{
	uint8_t b[16];
	size_t len = strlen(s);

	if (len == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		len -= 2;
	}
	if (len != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' ||
	    s[23] != '-')
		return -EINVAL;
	if (parse_hex(s, b, 4) || parse_hex(s + 9, b + 4, 2) ||
	    parse_hex(s + 14, b + 6, 2) || parse_hex(s + 19, b + 8, 2) ||
	    parse_hex(s + 24, b + 10, 6))
		return -EINVAL;
	guid->data1 = (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	guid->data2 = b[4] << 8 | b[5];
	guid->data3 = b[6] << 8 | b[7];
	memcpy(guid->data4, b + 8, sizeof(guid->data4));
	return 0;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/*
 * Parses "key = value" lines; '#' starts a comment.  clsid, path (absolute)
 * and sha256 must each appear once; other keys are left for later versions.
 */
static int parse_class_file(char *text, struct class_file *cf)
{
	bool have_clsid = false, have_path = false, have_sha = false;
	char *line, *next, *key, *value, *eq;

	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line[strcspn(line, "#")] = '\0';
		line = trim(line);
		if (!*line)
			continue;
		eq = strchr(line, '=');
		if (!eq)
			return -EINVAL;
		*eq = '\0';
		key = trim(line);
		value = trim(eq + 1);

		if (!strcmp(key, "clsid")) {
			if (have_clsid || parse_guid(value, &cf->clsid))
				return -EINVAL;
			have_clsid = true;
		} else if (!strcmp(key, "path")) {
			if (have_path || value[0] != '/' ||
			    strlen(value) >= sizeof(cf->path))
				return -EINVAL;
			strcpy(cf->path, value);
			have_path = true;
		} else if (!strcmp(key, "sha256")) {
			if (have_sha || strlen(value) != 2 * PMP_SHA256_SIZE ||
			    parse_hex(value, cf->sha256, PMP_SHA256_SIZE))
				return -EINVAL;
			have_sha = true;
		}
	}
	return have_clsid && have_path && have_sha ? 0 : -EINVAL;
}

/*
 * Reads and parses a class file.  Return: 1 when its owner and mode pass
 * (strict mode), 0 when they do not, -EINVAL when it is no class file.
 */
static int read_class_file(int dirfd, const char *name, bool strict,
			   struct class_file *cf)
{
	_cleanup_close_ int fd = -1;
	char text[CLASS_FILE_MAX + 1];
	bool trusted = true;
	size_t len = 0;
	ssize_t n = 0;

	fd = pmp_trust_open(dirfd, name, strict);
	if (fd == -EPERM) {
		/* Known, so that it says untrusted rather than unknown. */
		trusted = false;
		fd = pmp_trust_open(dirfd, name, false);
	}
	if (fd < 0)
		return -EINVAL;
	while (len < sizeof(text)) {
		n = read(fd, text + len, sizeof(text) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	if (n < 0 || len > CLASS_FILE_MAX || memchr(text, '\0', len))
		return -EINVAL;
	text[len] = '\0';
	if (parse_class_file(text, cf))
		return -EINVAL;
	return trusted;
}

/*
 * A component's proxy/stub pairs (pmp_component_proxy_stubs(), optional)
 * are registered, and the component pinned, since the pairs live in it.
 * A failure only leaves its interfaces without a pair (E_NOINTERFACE).
 * Return: whether it is pinned.
 */
static bool register_proxy_stubs(void *dl, const char *self)
{
	const struct pmp_ps_file *(*get)(void);

	*(void **)&get = dlsym(dl, "pmp_component_proxy_stubs");
	if (!get || !dlopen(self, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE))
		return false;
	pmp_ps_register(get());
	return true;
}

/* Loads a checked component through its descriptor; takes @fd. */
static int load_component(struct pmp_registry *reg, int fd,
			  const struct stat *st,
			  const uint8_t digest[PMP_SHA256_SIZE])
{
	struct pmp_component *comps, *comp;
	char self[64];
	void *dl, *sym;

	comps = reallocarray(reg->components, reg->nr_components + 1,
			     sizeof(*comps));
	if (!comps) {
		close(fd);
		return -ENOMEM;
	}
	reg->components = comps;

	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	dl = dlopen(self, RTLD_NOW | RTLD_LOCAL);
	sym = dl ? dlsym(dl, "DllGetClassObject") : NULL;
	if (!sym) {
		if (dl)
			dlclose(dl);
		close(fd);
		return -ENOEXEC;
	}
	comp = &comps[reg->nr_components];
	comp->pinned = register_proxy_stubs(dl, self);
	comp->dev = st->st_dev;
	comp->ino = st->st_ino;
	comp->fd = fd;
	memcpy(comp->sha256, digest, sizeof(comp->sha256));
	comp->dl = dl;
	comp->get_class_object = (get_class_object_fn)sym;
	return reg->nr_components++;
}

/*
 * The component of a class file: checked, and loaded unless it is loaded
 * already.  Return: its index, or a negative errno when it may not be
 * trusted (-EPERM, -EBADMSG: digest mismatch) or not loaded.
 */
static int get_component(struct pmp_registry *reg,
			 const struct class_file *cf, bool strict)
{
	_cleanup_close_ int fd = -1;
	uint8_t digest[PMP_SHA256_SIZE];
	struct pmp_component *comp;
	struct stat st;
	unsigned int i;
	int ret;

	fd = pmp_trust_open(AT_FDCWD, cf->path, strict);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st))
		return -errno;
	for (i = 0; i < reg->nr_components; i++) {
		comp = &reg->components[i];
		if (comp->dev != st.st_dev || comp->ino != st.st_ino)
			continue;
		if (CRYPTO_memcmp(comp->sha256, cf->sha256, PMP_SHA256_SIZE))
			return -EBADMSG;
		return i;
	}
	ret = pmp_trust_sha256(fd, digest);
	if (ret)
		return ret;
	if (CRYPTO_memcmp(digest, cf->sha256, sizeof(digest)))
		return -EBADMSG;
	return load_component(reg, take_fd(&fd), &st, digest);
}

static struct pmp_class *find_class(const struct pmp_registry *reg,
				    const pmp_guid *clsid)
{
	unsigned int i;

	for (i = 0; i < reg->count; i++)
		if (!memcmp(&reg->classes[i].clsid, clsid, sizeof(*clsid)))
			return &reg->classes[i];
	return NULL;
}

/*
 * Adds the class of one file.  When two files name one class, a trusted
 * one wins, then the first by name.
 */
static int add_class(struct pmp_registry *reg, int dirfd, const char *name,
		     bool strict)
{
	struct pmp_class *class, *classes;
	int trusted, component = -1;
	struct class_file cf;

	trusted = read_class_file(dirfd, name, strict, &cf);
	if (trusted < 0)
		return 0;
	class = find_class(reg, &cf.clsid);
	if (class && class->component >= 0)
		return 0;
	if (trusted)
		component = get_component(reg, &cf, strict);
	if (component == -ENOMEM)
		return -ENOMEM;
	if (!class) {
		classes = reallocarray(reg->classes, reg->count + 1,
				       sizeof(*classes));
		if (!classes)
			return -ENOMEM;
		reg->classes = classes;
		class = &classes[reg->count++];
		class->clsid = cf.clsid;
		class->component = -1;
	}
	if (component >= 0) {
		class->component = component;
		reg->trusted++;
	}
	return 0;
}

static int is_class_file(const struct dirent *d)
{
	size_t len = strlen(d->d_name), suffix = strlen(CLASS_SUFFIX);

	return d->d_name[0] != '.' && len > suffix &&
	       !strcmp(d->d_name + len - suffix, CLASS_SUFFIX);
}

/**
 * pmp_registry_open - read every class file of a registry directory
 * @dir: the directory (NULL: PMP_REGISTRY_DEFAULT)
 * @strict: apply the protected host's ownership checks
 * @out: the registry
 *
 * Files are taken in name order.  A directory that cannot be read is an
 * empty registry.
 *
 * Return: 0, -EINVAL, -ENOMEM.
 */
int pmp_registry_open(const char *dir, bool strict, struct pmp_registry **out)
{
	_cleanup_close_ int dirfd = -1;
	struct pmp_registry *reg;
	struct dirent **names = NULL;
	int n = 0, i, ret = 0;

	if (!out)
		return -EINVAL;
	*out = NULL;
	reg = calloc(1, sizeof(*reg));
	if (!reg)
		return -ENOMEM;

	dirfd = open(dir ? dir : PMP_REGISTRY_DEFAULT,
		     O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd >= 0)
		n = scandirat(dirfd, ".", &names, is_class_file, alphasort);
	if (n < 0) {
		ret = errno == ENOMEM ? -ENOMEM : 0;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (!ret)
			ret = add_class(reg, dirfd, names[i]->d_name, strict);
		free(names[i]);
	}
	free(names);
	if (ret) {
		pmp_registry_close(reg);
		return ret;
	}
	*out = reg;
	return 0;
}

/* The classes libpmp itself implements, served by every registry. */
static const struct {
	const GUID *clsid;
	int32_t (*get_class_object)(struct pmp_registry *reg,
				    const pmp_guid *iid, void **ppv);
} builtin_classes[] = {
	{ &CLSID_PmpMediaSession, pmp_session_host_class_object },
};

static int32_t get_builtin_class_object(struct pmp_registry *reg,
					const pmp_guid *clsid,
					const pmp_guid *iid, void **ppv)
{
	size_t i;

	for (i = 0; i < sizeof(builtin_classes) / sizeof(builtin_classes[0]);
	     i++)
		if (!memcmp(builtin_classes[i].clsid, clsid, sizeof(*clsid)))
			return builtin_classes[i].get_class_object(reg, iid,
								   ppv);
	return REGDB_E_CLASSNOTREG;
}

/**
 * pmp_registry_get_class_object - DllGetClassObject through the registry
 * @reg: the registry
 * @clsid: the class
 * @iid: the factory interface wanted (IID_IClassFactory)
 * @ppv: the factory, or NULL on failure
 *
 * Return (an HRESULT): S_OK, REGDB_E_CLASSNOTREG, MF_E_PE_UNTRUSTED,
 * E_POINTER, or the component's own failure.
 */
int32_t pmp_registry_get_class_object(struct pmp_registry *reg,
				      const pmp_guid *clsid,
				      const pmp_guid *iid, void **ppv)
{
	struct pmp_class *class;

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!reg || !clsid || !iid)
		return E_POINTER;
	class = find_class(reg, clsid);
	if (!class)
		return get_builtin_class_object(reg, clsid, iid, ppv);
	if (class->component < 0)
		return MF_E_PE_UNTRUSTED;
	return reg->components[class->component].get_class_object(clsid, iid,
								  ppv);
}

/**
 * pmp_registry_count - number of classes, and of trusted ones
 * @reg: the registry
 * @trusted: if not NULL, receives the number of trusted classes
 */
unsigned int pmp_registry_count(const struct pmp_registry *reg,
				unsigned int *trusted)
{
	if (trusted)
		*trusted = reg ? reg->trusted : 0;
	return reg ? reg->count : 0;
}

/**
 * pmp_registry_close - unload the components and free the registry
 * @reg: the registry, or NULL
 */
void pmp_registry_close(struct pmp_registry *reg)
{
	unsigned int i;

	if (!reg)
		return;
	for (i = 0; i < reg->nr_components; i++) {
		dlclose(reg->components[i].dl);
		if (!reg->components[i].pinned)
			close(reg->components[i].fd);
	}
	free(reg->components);
	free(reg->classes);
	free(reg);
}
