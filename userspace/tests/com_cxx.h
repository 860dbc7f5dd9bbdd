/* SPDX-License-Identifier: GPL-2.0 */
/*
 * com_cxx.h - what com_cxx_test.cpp (the C++ view) tells com_cxx_view.c
 * (the C view)
 */

#ifndef PMP_COM_CXX_H
#define PMP_COM_CXX_H

#include <stddef.h>

#include <guiddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum cxx_method {
	CXX_QUERY_INTERFACE,
	CXX_ADD_REF,
	CXX_RELEASE,
	CXX_LOCK_PROCESS,
	CXX_UNLOCK_PROCESS,
	CXX_CREATE_OBJECT_BY_CLSID,
	CXX_CREATE_INSTANCE,
	CXX_LOCK_SERVER,
	CXX_GET_SERVICE,
	CXX_COUNTER_ADD,
	CXX_COUNTER_CLONE,
	CXX_DECRYPTOR_DECRYPT,
};

/* The last call a RecordingServer received. */
struct cxx_record {
	int method;
	unsigned int calls;
	unsigned int refs;
	const void *self;
	const void *arg0;
	const void *arg1;
	const void *arg2;
};

/* Byte offset of a method in its vtable, as C++ lays it out; -1: none. */
long cxx_vtable_offset(enum cxx_method m);
size_t cxx_sizeof_interface(void);
/* First method off its .idl slot in C++, or NULL; @checked: how many. */
const char *cxx_idl_slot_mismatch(unsigned int *checked);
const GUID *cxx_uuidof_server(void);
const GUID *cxx_uuidof_counter(void);
/* An IMFPMPServer implemented in C++ (as the C view's IMFPMPServer *). */
void *cxx_new_recording_server(void);
const struct cxx_record *cxx_record_of(void *server);
int cxx_use_in_process_server(void);
int cxx_use_media_session(void);
int cxx_use_wide_strings(void);

#ifdef __cplusplus
}
#endif

#endif /* PMP_COM_CXX_H */
