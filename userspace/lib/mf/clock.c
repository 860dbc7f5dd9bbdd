// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * clock.c - a PMP media session's presentation clock, and MFGetSystemTime
 *
 * The clock that runs a presentation lives with the session's host half,
 * in the PMP process; IMFMediaSession::GetClock hands out this object,
 * which reads it (IPmpMediaSessionHost::GetClockTime).  The session alone
 * starts, pauses and stops its clock, so the methods that would drive it
 * (Start, Stop, Pause, SetTimeSource) fail with MF_E_INVALIDREQUEST, and
 * the state sinks and the time source, which would have to live in the
 * PMP process, are not implemented (E_NOTIMPL).
 */

#define COBJMACROS
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "mfapi.h"

#include "../export.h"
#include "mf.h"
#include "session.h"

struct presentation_clock {
	IMFPresentationClock IMFPresentationClock_iface;
	atomic_long refcount;
	atomic_bool shutdown;
	IPmpMediaSessionHost *host;
};

static struct presentation_clock *
impl_from_IMFPresentationClock(IMFPresentationClock *iface)
{
	return (struct presentation_clock *)iface;
}

PMP_EXPORT MFTIME STDAPICALLTYPE MFGetSystemTime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (MFTIME)ts.tv_sec * 10000000 + ts.tv_nsec / 100;
}

/* @hr, or MF_E_SHUTDOWN once the session has shut down. */
static HRESULT clock_check(IMFPresentationClock *iface, HRESULT hr)
{
	return atomic_load(&impl_from_IMFPresentationClock(iface)->shutdown)
		       ? MF_E_SHUTDOWN
		       : hr;
}

/* The host half's clock: its time, the system time of it, its state. */
static HRESULT clock_read(IMFPresentationClock *iface, LONGLONG *time,
			  MFTIME *system_time, MFCLOCK_STATE *state)
{
	struct presentation_clock *clock =
		impl_from_IMFPresentationClock(iface);
	LONGLONG t = 0, st = 0;
	DWORD s = 0;
	HRESULT hr;

	hr = clock_check(iface, S_OK);
	if (SUCCEEDED(hr))
		hr = IPmpMediaSessionHost_GetClockTime(clock->host, &t, &st,
						       &s);
	if (FAILED(hr))
		return hr;
	if (time)
		*time = t;
	if (system_time)
		*system_time = st;
	if (state)
		*state = s;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE
clock_QueryInterface(IMFPresentationClock *iface, REFIID riid, void **ppv)
{
	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!riid)
		return E_POINTER;
	if (!IsEqualIID(riid, &IID_IUnknown) &&
	    !IsEqualIID(riid, &IID_IMFClock) &&
	    !IsEqualIID(riid, &IID_IMFPresentationClock))
		return E_NOINTERFACE;
	*ppv = iface;
	IMFPresentationClock_AddRef(iface);
	return S_OK;
}

static ULONG STDMETHODCALLTYPE clock_AddRef(IMFPresentationClock *iface)
{
	struct presentation_clock *clock =
		impl_from_IMFPresentationClock(iface);

	return atomic_fetch_add(&clock->refcount, 1) + 1;
}

static ULONG STDMETHODCALLTYPE clock_Release(IMFPresentationClock *iface)
{
	struct presentation_clock *clock =
		impl_from_IMFPresentationClock(iface);
	long n = atomic_fetch_sub(&clock->refcount, 1) - 1;

	if (!n) {
		IPmpMediaSessionHost_Release(clock->host);
		free(clock);
	}
	return n;
}

static HRESULT STDMETHODCALLTYPE clock_GetClockCharacteristics(
	IMFPresentationClock *iface, DWORD *pdwCharacteristics)
{
	if (!pdwCharacteristics)
		return E_POINTER;
	*pdwCharacteristics = MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ;
	return clock_check(iface, S_OK);
}

static HRESULT STDMETHODCALLTYPE
clock_GetCorrelatedTime(IMFPresentationClock *iface, DWORD dwReserved,
			LONGLONG *pllClockTime, MFTIME *phnsSystemTime)
{
	(void)dwReserved;
	if (!pllClockTime || !phnsSystemTime)
		return E_POINTER;
	return clock_read(iface, pllClockTime, phnsSystemTime, NULL);
}

static HRESULT STDMETHODCALLTYPE
clock_GetContinuityKey(IMFPresentationClock *iface, DWORD *pdwContinuityKey)
{
	if (!pdwContinuityKey)
		return E_POINTER;
	/* One clock for the session's whole life: the key never changes. */
	*pdwContinuityKey = 0;
	return clock_check(iface, S_OK);
}

static HRESULT STDMETHODCALLTYPE clock_GetState(IMFPresentationClock *iface,
						DWORD dwReserved,
						MFCLOCK_STATE *peClockState)
{
	(void)dwReserved;
	if (!peClockState)
		return E_POINTER;
	return clock_read(iface, NULL, NULL, peClockState);
}

static HRESULT STDMETHODCALLTYPE
clock_GetProperties(IMFPresentationClock *iface, MFCLOCK_PROPERTIES *props)
{
	static const MFCLOCK_PROPERTIES host_clock = {
		/* 0: correlated on every GetCorrelatedTime. */
		.qwCorrelationRate = 0,
		.qwClockFrequency = MFCLOCK_FREQUENCY_HNS,
		.dwClockTolerance = MFCLOCK_TOLERANCE_UNKNOWN,
		/* Read through a call into another process. */
		.dwClockJitter = MFCLOCK_JITTER_PASSIVE,
	};

	if (!props)
		return E_POINTER;
	*props = host_clock;
	return clock_check(iface, S_OK);
}

static HRESULT STDMETHODCALLTYPE clock_SetTimeSource(
	IMFPresentationClock *iface, IMFPresentationTimeSource *pTimeSource)
{
	if (!pTimeSource)
		return E_POINTER;
	return clock_check(iface, MF_E_INVALIDREQUEST);
}

static HRESULT STDMETHODCALLTYPE clock_GetTimeSource(
	IMFPresentationClock *iface, IMFPresentationTimeSource **ppTimeSource)
{
	if (!ppTimeSource)
		return E_POINTER;
	*ppTimeSource = NULL;
	return clock_check(iface, E_NOTIMPL);
}

static HRESULT STDMETHODCALLTYPE clock_GetTime(IMFPresentationClock *iface,
					       MFTIME *phnsClockTime)
{
	if (!phnsClockTime)
		return E_POINTER;
	return clock_read(iface, phnsClockTime, NULL, NULL);
}

/* A state sink would be told from the PMP process: not implemented. */
static HRESULT clock_sink(IMFPresentationClock *iface,
			  IMFClockStateSink *pStateSink)
{
	if (!pStateSink)
		return E_INVALIDARG;
	return clock_check(iface, E_NOTIMPL);
}

static HRESULT STDMETHODCALLTYPE clock_AddClockStateSink(
	IMFPresentationClock *iface, IMFClockStateSink *pStateSink)
{
	return clock_sink(iface, pStateSink);
}

static HRESULT STDMETHODCALLTYPE clock_RemoveClockStateSink(
	IMFPresentationClock *iface, IMFClockStateSink *pStateSink)
{
	return clock_sink(iface, pStateSink);
}

/* The session drives its clock (IMFMediaSession::Start, Pause, Stop). */
static HRESULT STDMETHODCALLTYPE clock_Start(IMFPresentationClock *iface,
					     LONGLONG llClockStartOffset)
{
	(void)llClockStartOffset;
	return clock_check(iface, MF_E_INVALIDREQUEST);
}

static HRESULT STDMETHODCALLTYPE clock_Stop(IMFPresentationClock *iface)
{
	return clock_check(iface, MF_E_INVALIDREQUEST);
}

static HRESULT STDMETHODCALLTYPE clock_Pause(IMFPresentationClock *iface)
{
	return clock_check(iface, MF_E_INVALIDREQUEST);
}

static const IMFPresentationClockVtbl clock_vtbl = {
	.QueryInterface = clock_QueryInterface,
	.AddRef = clock_AddRef,
	.Release = clock_Release,
	.GetClockCharacteristics = clock_GetClockCharacteristics,
	.GetCorrelatedTime = clock_GetCorrelatedTime,
	.GetContinuityKey = clock_GetContinuityKey,
	.GetState = clock_GetState,
	.GetProperties = clock_GetProperties,
	.SetTimeSource = clock_SetTimeSource,
	.GetTimeSource = clock_GetTimeSource,
	.GetTime = clock_GetTime,
	.AddClockStateSink = clock_AddClockStateSink,
	.RemoveClockStateSink = clock_RemoveClockStateSink,
	.Start = clock_Start,
	.Stop = clock_Stop,
	.Pause = clock_Pause,
};

HRESULT pmp_clock_create(IPmpMediaSessionHost *host, IMFPresentationClock **out)
{
	struct presentation_clock *clock;

	*out = NULL;
	clock = calloc(1, sizeof(*clock));
	if (!clock)
		return E_OUTOFMEMORY;
	clock->IMFPresentationClock_iface.lpVtbl = &clock_vtbl;
	atomic_init(&clock->refcount, 1);
	atomic_init(&clock->shutdown, false);
	clock->host = host;
	IPmpMediaSessionHost_AddRef(host);
	*out = &clock->IMFPresentationClock_iface;
	return S_OK;
}

void pmp_clock_shutdown(IMFPresentationClock *clock)
{
	atomic_store(&impl_from_IMFPresentationClock(clock)->shutdown, true);
}
