/* SPDX-License-Identifier: GPL-2.0 */
/* Instructions for the emulation-fault.sh selftest (addresses from 0). */
	.text
	.globl	read_clock
	.type	read_clock, @function
read_clock:
	nop				/* 0x0 */
	rdtsc				/* 0x1: the next instruction is at 0x3 */
	shl	$32, %rdx		/* 0x3 */
	or	%rax, %rdx		/* 0x7 */
	mov	%rdx, %rax		/* 0xa: after it, 0xd */
	ret				/* 0xd */
	.size	read_clock, . - read_clock

/* rdtsc_ordered()'s static form: alternatives patch it to "lfence; rdtsc" */
	.globl	read_clock_ordered
	.type	read_clock_ordered, @function
read_clock_ordered:
	nop				/* 0xe */
	rdtsc				/* 0xf */
	nop				/* 0x11 */
	nop				/* 0x12 */
	nop				/* 0x13 */
	shl	$32, %rdx		/* 0x14: "lfence; rdtsc" ends here */
	or	%rax, %rdx		/* 0x18 */
	ret				/* 0x1b */
	.size	read_clock_ordered, . - read_clock_ordered

/* Five bytes that end like rdtsc_ordered()'s but are not its form */
	.globl	not_ordered
	.type	not_ordered, @function
not_ordered:
	rdtsc				/* 0x1c */
	nop				/* 0x1e */
	xchg	%ax, %ax		/* 0x1f: a two-byte nop */
	shl	$32, %rdx		/* 0x21 */
	xor	%eax, %eax		/* 0x25 */
	nop				/* 0x27 */
	nop				/* 0x28 */
	nop				/* 0x29 */
	shl	$32, %rdx		/* 0x2a */
	ret				/* 0x2e */
	.size	not_ordered, . - not_ordered

/* A hypercall as 6.12's xen_hypercall_amd() makes it */
	.globl	hypercall_amd
	.type	hypercall_amd, @function
hypercall_amd:
	vmmcall				/* 0x2f */
	ret				/* 0x32 */
	.size	hypercall_amd, . - hypercall_amd

/* The x2APIC EOI write of native_apic_msr_eoi() */
	.globl	apic_msr_eoi
	.type	apic_msr_eoi, @function
apic_msr_eoi:
	xor	%eax, %eax		/* 0x33 */
	mov	$0x80b, %ecx		/* 0x35 */
	mov	%eax, %edx		/* 0x3a */
	wrmsr				/* 0x3c */
	ret				/* 0x3e */
	.size	apic_msr_eoi, . - apic_msr_eoi

/* The FXSAVE-leak workaround of restore_fpregs_from_fpstate() */
	.globl	fpu_restore
	.type	fpu_restore, @function
fpu_restore:
	fnclex				/* 0x3f */
	emms				/* 0x41 */
	ret				/* 0x43 */
	.size	fpu_restore, . - fpu_restore
