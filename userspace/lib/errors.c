// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * errors.c - the one table between Linux errnos and HRESULTs
 *
 * Both directions read the same table: an errno maps to the HRESULT of its
 * entry, an HRESULT to the errno of the first entry that has it.  Media
 * Foundation's codes come first; HRESULT_FROM_WIN32() values only where no
 * MF or COM code fits.  Documentation/userspace-api/com.rst lists it.
 */

#include <errno.h>
#include <stddef.h>

#include "pmp/pmp.h"
#include "pmp/winerror.h"
#include "pmp/mferror.h"

#include "export.h"

static const struct {
	int err;
	HRESULT hr;
} pmp_errors[] = {
	{ ESHUTDOWN, MF_E_SHUTDOWN },
	{ EKEYREVOKED, MF_E_COMPONENT_REVOKED },
	{ ECONNREFUSED, MF_E_SHUTDOWN },
	{ ENOMEM, E_OUTOFMEMORY },
	{ EDQUOT, E_OUTOFMEMORY },
	{ EINVAL, E_INVALIDARG },
	{ EPERM, E_ACCESSDENIED },
	{ EACCES, E_ACCESSDENIED },
	{ ENOLCK, MF_E_INVALIDREQUEST },
	{ ECANCELED, MF_E_OPERATION_CANCELLED },
	{ EINTR, MF_E_OPERATION_CANCELLED },
	{ ENOENT, MF_E_NOT_FOUND },
	{ EMSGSIZE, MF_E_INSUFFICIENT_BUFFER },
	{ EBADF, E_HANDLE },
	{ EBADFD, E_HANDLE },
	{ EFAULT, E_POINTER },
	{ EOPNOTSUPP, E_NOTIMPL },
	{ ECHILD, CO_E_SERVER_EXEC_FAILURE },
	{ ETIMEDOUT, HRESULT_FROM_WIN32(ERROR_TIMEOUT) },
	{ EAGAIN, HRESULT_FROM_WIN32(ERROR_BUSY) },
	{ EMFILE, HRESULT_FROM_WIN32(ERROR_TOO_MANY_OPEN_FILES) },
	{ ENODEV, HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST) },
	{ EPROTO, HRESULT_FROM_WIN32(ERROR_REVISION_MISMATCH) },
	{ EOVERFLOW, HRESULT_FROM_WIN32(ERROR_ARITHMETIC_OVERFLOW) },
	{ EIO, E_FAIL },
};

PMP_EXPORT int32_t pmp_hresult_from_errno(int err)
{
	size_t i;

	if (!err)
		return S_OK;
	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(pmp_errors) / sizeof(pmp_errors[0]); i++)
		if (pmp_errors[i].err == err)
			return pmp_errors[i].hr;
	return E_FAIL;
}

PMP_EXPORT int pmp_errno_from_hresult(int32_t hr)
{
	size_t i;

	if (SUCCEEDED(hr))
		return 0;
	for (i = 0; i < sizeof(pmp_errors) / sizeof(pmp_errors[0]); i++)
		if (pmp_errors[i].hr == hr)
			return -pmp_errors[i].err;
	return -EIO;
}
