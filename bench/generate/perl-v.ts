import type { Machine } from "./environment.js";

// A `perl -V` summary is the same for every report from one machine and perl: build it once.
const perlVCache = new Map<string, string>();

/** The `perl -V` summary that ends every text report, for one machine and perl. */
export function perlV(machine: Machine, perl: string): string {
  const key = `${machine.hostname}|${machine.archname}|${perl}`;
  const cached = perlVCache.get(key);
  if (cached) return cached;
  const [, minor = "0", patch = "0"] = /^5\.(\d+)\.(\d+)/.exec(perl) ?? [];
  const threads = machine.archname.includes("thread");
  const text = `Summary of my perl5 (revision 5 version ${minor} subversion ${patch}) configuration:

  Platform:
    osname=${machine.osname}
    osvers=${machine.osversion}
    archname=${machine.archname}
    uname='${machine.osname.toLowerCase()} ${machine.hostname} ${machine.osversion} #1 smp x86_64 '
    config_args='-des -Dprefix=/opt/perl-${perl} -Dusedevel${threads ? " -Dusethreads" : ""} -Duse64bitall -Dman1dir=none -Dman3dir=none'
    hint=recommended
    useposix=true
    d_sigaction=define
    useithreads=${threads ? "define" : "undef"}
    usemultiplicity=${threads ? "define" : "undef"}
    use64bitint=define
    use64bitall=define
    uselongdouble=${machine.archname.endsWith("-ld") ? "define" : "undef"}
    usemymalloc=n
    default_inc_excludes_dot=define
  Compiler:
    cc='cc'
    ccflags ='-fwrapv -fno-strict-aliasing -pipe -fstack-protector-strong -I/usr/local/include -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64'
    optimize='-O2'
    cppflags='-fwrapv -fno-strict-aliasing -pipe -fstack-protector-strong -I/usr/local/include'
    ccversion=''
    gccversion='12.2.0'
    gccosandvers=''
    intsize=4
    longsize=8
    ptrsize=8
    doublesize=8
    byteorder=12345678
    doublekind=3
    d_longlong=define
    longlongsize=8
    d_longdbl=define
    longdblsize=16
    longdblkind=3
    ivtype='long'
    ivsize=8
    nvtype='double'
    nvsize=8
    Off_t='off_t'
    lseeksize=8
    alignbytes=8
    prototype=define
  Linker and Libraries:
    ld='cc'
    ldflags =' -fstack-protector-strong -L/usr/local/lib'
    libpth=/usr/local/lib /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /lib64 /usr/lib64
    libs=-lpthread -ldl -lm -lcrypt -lutil -lc
    perllibs=-lpthread -ldl -lm -lcrypt -lutil -lc
    libc=/lib/x86_64-linux-gnu/libc.so.6
    so=so
    useshrplib=false
    libperl=libperl.a
    gnulibc_version='2.36'
  Dynamic Linking:
    dlsrc=dl_dlopen.xs
    dlext=so
    d_dlsymun=undef
    ccdlflags='-Wl,-E'
    cccdlflags='-fPIC'
    lddlflags='-shared -O2 -L/usr/local/lib -fstack-protector-strong'


Characteristics of this binary (from libperl):
  Compile-time options:
    HAS_LONG_DOUBLE
    HAS_STRTOLD
    HAS_TIMES
    PERLIO_LAYERS
    PERL_COPY_ON_WRITE
    PERL_DONT_CREATE_GVSV
    PERL_HASH_FUNC_SIPHASH13
    PERL_HASH_USE_SBOX32
    PERL_MALLOC_WRAP
    PERL_OP_PARENT
    PERL_PRESERVE_IVUV
    PERL_USE_DEVEL
    PERL_USE_SAFE_PUTENV
    USE_64_BIT_ALL
    USE_64_BIT_INT
    USE_LARGE_FILES
    USE_LOCALE
    USE_LOCALE_COLLATE
    USE_LOCALE_CTYPE
    USE_LOCALE_NUMERIC
    USE_LOCALE_TIME
    USE_PERLIO
    USE_PERL_ATOF${threads ? "\n    USE_ITHREADS\n    USE_REENTRANT_API\n    MULTIPLICITY" : ""}
  Built under ${machine.osname}
  Compiled at Jan 12 2025 10:31:07
  @INC:
    /opt/perl-${perl}/lib/site_perl/${perl}/${machine.archname}
    /opt/perl-${perl}/lib/site_perl/${perl}
    /opt/perl-${perl}/lib/${perl}/${machine.archname}
    /opt/perl-${perl}/lib/${perl}
`;
  perlVCache.set(key, text);
  return text;
}
