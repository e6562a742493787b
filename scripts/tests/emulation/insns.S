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

/* pv_native_safe_halt(): an interrupt wakes the vCPU from its HLT */
	.globl	safe_halt
	.type	safe_halt, @function
safe_halt:
	sti				/* 0x44 */
	hlt				/* 0x45 */
	ret				/* 0x46 */
	.size	safe_halt, . - safe_halt

/* A HLT without an STI right before it */
	.globl	halt_only
	.type	halt_only, @function
halt_only:
	nop				/* 0x47 */
	hlt				/* 0x48 */
	ret				/* 0x49 */
	.size	halt_only, . - halt_only

/* The function that the irq_enable slot of pv_ops below holds */
	.globl	pv_native_irq_enable
	.type	pv_native_irq_enable, @function
pv_native_irq_enable:
	sti				/* 0x4a */
	ret				/* 0x4b */
	.size	pv_native_irq_enable, . - pv_native_irq_enable

/* local_irq_restore(): the irq_enable call through pv_ops, which
 * alternatives patch to "sti" and a 5-byte nop in a PVH guest */
	.globl	irq_restore
	.type	irq_restore, @function
irq_restore:
	testq	$0x200, (%rsp)		/* 0x4c */
	je	1f			/* 0x54 */
	call	*pv_ops_irq_enable(%rip) /* 0x56 */
1:	add	$8, %rsp		/* 0x5c */
	ret				/* 0x60 */
	.size	irq_restore, . - irq_restore

/* A call through another slot of pv_ops */
	.globl	other_call
	.type	other_call, @function
other_call:
	call	*pv_ops_other(%rip)	/* 0x61 */
	ret				/* 0x67 */
	.size	other_call, . - other_call

/* pv_ops (in .data in vmlinux): here in .text, so that the calls above
 * and the slots need no relocation (insns.o is not linked) */
	.balign	8
pv_ops_irq_enable:
	.quad	pv_native_irq_enable - read_clock	/* 0x68 */
pv_ops_other:
	.quad	hypercall_amd - read_clock		/* 0x70 */

/* Xen's serial_tx_interrupt(): its loop for the transmit lock */
	.globl	serial_tx_interrupt
	.type	serial_tx_interrupt, @function
serial_tx_interrupt:
	pause				/* 0x78 */
	jmp	serial_tx_interrupt	/* 0x7a */
	.size	serial_tx_interrupt, . - serial_tx_interrupt

/* Xen's idle loop */
	.globl	xen_idle
	.type	xen_idle, @function
xen_idle:
	sti				/* 0x7c */
	hlt				/* 0x7d */
	ret				/* 0x7e */
	.size	xen_idle, . - xen_idle

/* The start of lockdep's match_held_lock(): a push right after the call,
 * no instruction that exits to Xen */
	.globl	match_held_lock
	.type	match_held_lock, @function
match_held_lock:
	push	%rbx			/* 0x7f */
	mov	%rdi, %rbx		/* 0x80 */
	pop	%rbx			/* 0x83 */
	ret				/* 0x84 */
	.size	match_held_lock, . - match_held_lock
