/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winerror.h - HRESULT macros and the system HRESULT values pmp uses
 *
 * Values are Microsoft's.  Media Foundation's own codes are in <mferror.h>.
 */

#ifndef PMP_WINERROR_H
#define PMP_WINERROR_H

#include "windef.h"

#define _HRESULT_TYPEDEF_(x) ((HRESULT)(x))

#define SEVERITY_SUCCESS 0
#define SEVERITY_ERROR 1

#define FACILITY_NULL 0
#define FACILITY_RPC 1
#define FACILITY_DISPATCH 2
#define FACILITY_STORAGE 3
#define FACILITY_ITF 4
#define FACILITY_WIN32 7
#define FACILITY_WINDOWS 8

#define SUCCEEDED(hr) ((HRESULT)(hr) >= 0)
#define FAILED(hr) ((HRESULT)(hr) < 0)
#define IS_ERROR(hr) ((unsigned int)(hr) >> 31 == SEVERITY_ERROR)

#define HRESULT_CODE(hr) ((hr) & 0xFFFF)
#define HRESULT_FACILITY(hr) (((hr) >> 16) & 0x1FFF)
#define HRESULT_SEVERITY(hr) (((hr) >> 31) & 0x1)

#define MAKE_HRESULT(sev, fac, code)                                           \
	((HRESULT)(((unsigned int)(sev) << 31) |                               \
		   ((unsigned int)(fac) << 16) | ((unsigned int)(code))))

/* A Win32 error code (ERROR_*) as an HRESULT: 0x8007xxxx. */
#define HRESULT_FROM_WIN32(x)                                                  \
	((HRESULT)(x) <= 0 ?                                                   \
		 (HRESULT)(x) :                                                \
		 (HRESULT)(((unsigned int)(x) & 0x0000FFFF) |                  \
			   (FACILITY_WIN32 << 16) | 0x80000000u))

/* Win32 error codes. */
#define NO_ERROR 0
#define ERROR_SUCCESS 0
#define ERROR_FILE_NOT_FOUND 2
#define ERROR_TOO_MANY_OPEN_FILES 4
#define ERROR_ACCESS_DENIED 5
#define ERROR_INVALID_HANDLE 6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_OUTOFMEMORY 14
#define ERROR_NOT_SUPPORTED 50
#define ERROR_DEV_NOT_EXIST 55
#define ERROR_INVALID_PARAMETER 87
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_BUSY 170
#define ERROR_ARITHMETIC_OVERFLOW 534
#define ERROR_REVISION_MISMATCH 1306
#define ERROR_TIMEOUT 1460
#define RPC_S_PROCNUM_OUT_OF_RANGE 1745
#define RPC_X_BAD_STUB_DATA 1783

/* Success codes. */
#define S_OK _HRESULT_TYPEDEF_(0x00000000)
#define S_FALSE _HRESULT_TYPEDEF_(0x00000001)

/* Generic failures. */
#define E_NOTIMPL _HRESULT_TYPEDEF_(0x80004001)
#define E_NOINTERFACE _HRESULT_TYPEDEF_(0x80004002)
#define E_POINTER _HRESULT_TYPEDEF_(0x80004003)
#define E_ABORT _HRESULT_TYPEDEF_(0x80004004)
#define E_FAIL _HRESULT_TYPEDEF_(0x80004005)
#define E_PENDING _HRESULT_TYPEDEF_(0x8000000A)
#define E_UNEXPECTED _HRESULT_TYPEDEF_(0x8000FFFF)
#define E_ACCESSDENIED _HRESULT_TYPEDEF_(0x80070005)
#define E_HANDLE _HRESULT_TYPEDEF_(0x80070006)
#define E_OUTOFMEMORY _HRESULT_TYPEDEF_(0x8007000E)
#define E_INVALIDARG _HRESULT_TYPEDEF_(0x80070057)
#define E_NOT_SUFFICIENT_BUFFER _HRESULT_TYPEDEF_(0x8007007A)
#define STRSAFE_E_INSUFFICIENT_BUFFER _HRESULT_TYPEDEF_(0x8007007A)
#define DISP_E_BADVARTYPE _HRESULT_TYPEDEF_(0x80020008)
#define RPC_E_CHANGED_MODE _HRESULT_TYPEDEF_(0x80010106)

/* Class factories and the class registry. */
#define CLASS_E_NOAGGREGATION _HRESULT_TYPEDEF_(0x80040110)
#define CLASS_E_CLASSNOTAVAILABLE _HRESULT_TYPEDEF_(0x80040111)
#define REGDB_E_CLASSNOTREG _HRESULT_TYPEDEF_(0x80040154)
#define CO_E_SERVER_EXEC_FAILURE _HRESULT_TYPEDEF_(0x80080005)

#endif /* PMP_WINERROR_H */
