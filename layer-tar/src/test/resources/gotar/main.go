// Writes a directory as a layer tar the way BuildKit does (archive/tar, FormatPAX, numeric
// ownership, whole-second mtimes, no atime/ctime, hardlinks by inode, security and user xattrs as
// SCHILY.xattr records). The layer-tar tests compare jbuild's output with this byte for byte.
package main

import (
	"archive/tar"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	root := os.Args[1]
	tw := tar.NewWriter(os.Stdout)
	firstName := map[[2]uint64]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == root {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		fi, err := os.Lstat(path)
		if err != nil {
			return err
		}
		if fi.Mode()&os.ModeSocket != 0 {
			return nil
		}
		link := ""
		if fi.Mode()&os.ModeSymlink != 0 {
			if link, err = os.Readlink(path); err != nil {
				return err
			}
		}
		hdr, err := tar.FileInfoHeader(fi, link)
		if err != nil {
			return err
		}
		hdr.Name = rel
		if fi.IsDir() {
			hdr.Name += "/"
		}
		hdr.Uname, hdr.Gname = "", ""
		hdr.Format = tar.FormatPAX
		hdr.ModTime = hdr.ModTime.Truncate(time.Second)
		hdr.AccessTime, hdr.ChangeTime = time.Time{}, time.Time{}
		st := fi.Sys().(*syscall.Stat_t)
		if !fi.IsDir() && st.Nlink > 1 {
			key := [2]uint64{uint64(st.Dev), st.Ino}
			if first, ok := firstName[key]; ok {
				hdr.Typeflag, hdr.Linkname, hdr.Size = tar.TypeLink, first, 0
			} else {
				firstName[key] = rel
			}
		}
		if fi.Mode().IsRegular() || fi.IsDir() {
			addXattrs(path, hdr)
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if hdr.Typeflag == tar.TypeReg {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(tw, f)
			return err
		}
		return nil
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
}

func addXattrs(path string, hdr *tar.Header) {
	buf := make([]byte, 65536)
	n, err := syscall.Listxattr(path, buf)
	if err != nil || n == 0 {
		return
	}
	for _, name := range strings.Split(strings.TrimRight(string(buf[:n]), "\x00"), "\x00") {
		if !(strings.HasPrefix(name, "user.") || strings.HasPrefix(name, "security.") || strings.HasPrefix(name, "trusted.")) ||
			name == "security.selinux" || strings.HasPrefix(name, "trusted.overlay.") || strings.HasPrefix(name, "user.overlay.") {
			continue
		}
		value := make([]byte, 65536)
		m, err := syscall.Getxattr(path, name, value)
		if err != nil {
			continue
		}
		if hdr.PAXRecords == nil {
			hdr.PAXRecords = map[string]string{}
		}
		hdr.PAXRecords["SCHILY.xattr."+name] = string(value[:m])
	}
}
