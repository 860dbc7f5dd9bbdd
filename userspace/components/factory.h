/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * factory.h - the class factory and DllGetClassObject every pmp component
 * shares
 *
 * A component lists its classes in component_classes[]; factory.c turns
 * them into IClassFactory objects and exports DllGetClassObject.
 */

#ifndef PMP_COMPONENTS_FACTORY_H
#define PMP_COMPONENTS_FACTORY_H

#include "objbase.h"

/**
 * struct component_class - one class of a component
 * @clsid: the class
 * @create: a new object, as the interface @riid in *@ppv (NULL on failure)
 */
struct component_class {
	const CLSID *clsid;
	HRESULT (*create)(REFIID riid, void **ppv);
};

/* Defined by each component; ends with an entry whose @clsid is NULL. */
extern const struct component_class component_classes[];

#endif /* PMP_COMPONENTS_FACTORY_H */
