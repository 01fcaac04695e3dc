/* Created by "go tool cgo" - DO NOT EDIT. */

/* package gobootcheck.test/fixtures/libcgotypes */


#line 1 "cgo-builtin-prolog"

#include <stddef.h> /* for ptrdiff_t below */

#ifndef GO_CGO_EXPORT_PROLOGUE_H
#define GO_CGO_EXPORT_PROLOGUE_H

typedef struct { const char *p; ptrdiff_t n; } _GoString_;

#endif

/* Start of preamble from import "C" comments.  */


#line 6 "/root/.cache/gobootcheck/src-toolchains/.gopath/src/gobootcheck.test/fixtures/libcgotypes/main.go"

#include <stdint.h>
#include <stdlib.h>

// A preamble struct passed by value and by pointer.
typedef struct {
	int32_t x;
	int32_t y;
	double weight;
} point;

// A tagged struct with trailing padding.
struct pair {
	int64_t a;
	uint8_t b;
};

typedef enum { RED, GREEN = 5, BLUE } color;

typedef int64_t (*binary_op)(int64_t, int64_t);

static inline int64_t apply(binary_op f, int64_t a, int64_t b) { return f(a, b); }

#line 1 "cgo-generated-wrapper"


/* End of preamble from import "C" comments.  */


/* Start of boilerplate cgo prologue.  */
#line 1 "cgo-gcc-export-header-prolog"

#ifndef GO_CGO_PROLOGUE_H
#define GO_CGO_PROLOGUE_H

typedef signed char GoInt8;
typedef unsigned char GoUint8;
typedef short GoInt16;
typedef unsigned short GoUint16;
typedef int GoInt32;
typedef unsigned int GoUint32;
typedef long long GoInt64;
typedef unsigned long long GoUint64;
typedef GoInt64 GoInt;
typedef GoUint64 GoUint;
typedef __SIZE_TYPE__ GoUintptr;
typedef float GoFloat32;
typedef double GoFloat64;
typedef float _Complex GoComplex64;
typedef double _Complex GoComplex128;

/*
  static assertion to make sure the file is being used on architecture
  at least with matching size of GoInt.
*/
typedef char _check_for_64_bit_pointer_matching_GoInt[sizeof(void*)==64/8 ? 1:-1];

typedef _GoString_ GoString;
typedef void *GoMap;
typedef void *GoChan;
typedef struct { void *t; void *v; } GoInterface;
typedef struct { void *data; GoInt len; GoInt cap; } GoSlice;

#endif

/* End of boilerplate cgo prologue.  */

#ifdef __cplusplus
extern "C" {
#endif


extern void Hello();

extern GoInt AddInt(GoInt p0, GoInt p1);

extern GoUint AddUint(GoUint p0, GoUint p1);

extern GoUint64 Widths(GoInt8 p0, GoUint8 p1, GoInt16 p2, GoUint16 p3, GoInt32 p4, GoUint32 p5, GoInt64 p6, GoUint64 p7);

extern GoFloat64 Floats(GoFloat32 p0, GoFloat64 p1);

extern GoUint8 Negate(GoUint8 p0);

extern GoInt32 Runes(GoInt32 p0, GoUint8 p1);

extern GoUintptr Address(GoUintptr p0);

extern GoComplex128 Complexes(GoComplex64 p0, GoComplex128 p1);

extern GoInt StringLength(GoString p0);

extern char* Greeting();

extern int CStringLength(char* p0);

extern GoInt64 SumSlice(GoSlice p0);

/* Return type for DivMod */
struct DivMod_return {
	GoInt r0;
	GoInt r1;
};

// DivMod returns the quotient and the remainder: two results, so cgo declares a struct DivMod_return.
//

extern struct DivMod_return DivMod(GoInt p0, GoInt p1);

/* Return type for ParseDigit */
struct ParseDigit_return {
	GoInt r0; /* value */
	GoUint8 r1; /* ok */
};

extern struct ParseDigit_return ParseDigit(GoString p0);

extern GoUint8 IsNil(GoInterface p0);

extern GoInterface Fail(GoString p0);

extern GoInt MapLength(GoMap p0);

extern GoInt ChannelCapacity(GoChan p0);

extern point ScalePoint(point p0, double p1);

extern void MovePoint(point* p0, int32_t p1, int32_t p2);

extern int64_t PairSum(struct pair p0);

extern color NextColor(color p0);

extern int64_t Apply(binary_op p0, int64_t p1, int64_t p2);

extern void* Identity(void* p0);

extern size_t Sizes(size_t p0, long int p1, long unsigned int p2, char p3, unsigned char p4, short int p5, long long int p6);

#ifdef __cplusplus
}
#endif
