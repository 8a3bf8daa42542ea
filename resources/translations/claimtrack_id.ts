<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
  <context>
    <name>About</name>
    <message>
      <source>Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later). You may share and change ClaimTrack on its terms; it comes with no warranty.</source>
      <translation>Lisensi: GNU General Public License, versi 3 atau yang lebih baru (GPL-3.0-or-later). Anda boleh membagikan dan mengubah ClaimTrack menurut ketentuannya; ClaimTrack disediakan tanpa jaminan apa pun.</translation>
    </message>
    <message>
      <source>Track the attributed claims in news stories: who says what, through whom, and what is true.</source>
      <translation>Lacak klaim yang diatribusikan dalam berita: siapa mengatakan apa, melalui siapa, dan apa yang benar.</translation>
    </message>
  </context>
  <context>
    <name>Backups</name>
    <message numerus="yes">
      <source>Backed up %n claim(s) to %1.</source>
      <translation>
        <numerusform>%n klaim dicadangkan ke %1.</numerusform>
      </translation>
    </message>
    <message>
      <source>Claims</source>
      <translation>Klaim</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Tanggal</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Jenis</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Ukuran</translation>
    </message>
    <message>
      <source>automatic</source>
      <translation>otomatis</translation>
    </message>
    <message>
      <source>backed up by hand</source>
      <translation>dicadangkan manual</translation>
    </message>
    <message>
      <source>before upgrade to schema %1</source>
      <translation>sebelum pemutakhiran ke skema %1</translation>
    </message>
    <message>
      <source>unreadable</source>
      <translation>tak terbaca</translation>
    </message>
  </context>
  <context>
    <name>ChainEditor</name>
    <message>
      <source>Add</source>
      <translation>Tambah</translation>
    </message>
    <message>
      <source>Add an outlet or intermediary…</source>
      <translation>Tambahkan media atau perantara…</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Pindah ke bawah</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>Pindah ke atas</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Hapus</translation>
    </message>
  </context>
  <context>
    <name>ChartWidget</name>
    <message>
      <source>Claims by status and by verdict</source>
      <translation>Klaim menurut status dan putusan</translation>
    </message>
    <message>
      <source>No claims to chart yet</source>
      <translation>Belum ada klaim untuk digambarkan</translation>
    </message>
  </context>
  <context>
    <name>ClaimKind</name>
    <message>
      <source>Denial</source>
      <translation>Bantahan</translation>
    </message>
    <message>
      <source>No comment</source>
      <translation>Menolak berkomentar</translation>
    </message>
    <message>
      <source>No response</source>
      <translation>Tidak menanggapi</translation>
    </message>
    <message>
      <source>Statement</source>
      <translation>Pernyataan</translation>
    </message>
  </context>
  <context>
    <name>ClaimTableModel</name>
    <message>
      <source>Assignee</source>
      <translation>Penanggung jawab</translation>
    </message>
    <message>
      <source>Claim</source>
      <translation>Klaim</translation>
    </message>
    <message>
      <source>Claimant</source>
      <translation>Pengklaim</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Jenis</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Tags</source>
      <translation>Tag</translation>
    </message>
    <message>
      <source>Updated</source>
      <translation>Diperbarui</translation>
    </message>
    <message>
      <source>Verdict</source>
      <translation>Putusan</translation>
    </message>
    <message>
      <source>Via</source>
      <translation>Melalui</translation>
    </message>
  </context>
  <context>
    <name>ConflictDialog</name>
    <message>
      <source>%1 saved changes to the same fields while you were editing. Nothing of yours was saved yet: choose what to keep for each field.</source>
      <translation>%1 menyimpan perubahan pada isian yang sama saat Anda menyunting. Belum ada perubahan Anda yang tersimpan: pilih mana yang dipertahankan untuk tiap isian.</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>(kosong)</translation>
    </message>
    <message>
      <source>Assignee</source>
      <translation>Penanggung jawab</translation>
    </message>
    <message>
      <source>Claim</source>
      <translation>Klaim</translation>
    </message>
    <message>
      <source>Claimant</source>
      <translation>Pengklaim</translation>
    </message>
    <message>
      <source>Cue</source>
      <translation>Penanda</translation>
    </message>
    <message>
      <source>Explanation</source>
      <translation>Penjelasan</translation>
    </message>
    <message>
      <source>Keep mine</source>
      <translation>Pertahankan milik saya</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Jenis</translation>
    </message>
    <message>
      <source>Merge (edit)</source>
      <translation>Gabungkan (sunting)</translation>
    </message>
    <message>
      <source>Mine</source>
      <translation>Milik saya</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Catatan</translation>
    </message>
    <message>
      <source>Paraphrase</source>
      <translation>Parafrasa</translation>
    </message>
    <message>
      <source>Someone else changed this claim</source>
      <translation>Orang lain mengubah klaim ini</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Take theirs</source>
      <translation>Ambil milik mereka</translation>
    </message>
    <message>
      <source>Theirs (%1)</source>
      <translation>Milik mereka (%1)</translation>
    </message>
    <message>
      <source>Verdict</source>
      <translation>Putusan</translation>
    </message>
    <message>
      <source>another editor</source>
      <translation>penyunting lain</translation>
    </message>
  </context>
  <context>
    <name>ConnectDialog</name>
    <message>
      <source>(new server)</source>
      <translation>(server baru)</translation>
    </message>
    <message>
      <source>Connect</source>
      <translation>Sambungkan</translation>
    </message>
    <message>
      <source>Connect to team database</source>
      <translation>Sambung ke basis data tim</translation>
    </message>
    <message>
      <source>Database</source>
      <translation>Basis data</translation>
    </message>
    <message>
      <source>Host</source>
      <translation>Host</translation>
    </message>
    <message>
      <source>No system keyring here: the password is asked once per session.</source>
      <translation>Tidak ada gantungan kunci sistem di sini: kata sandi ditanyakan sekali per sesi.</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Kata sandi</translation>
    </message>
    <message>
      <source>Please fill in: %1.</source>
      <translation>Harap isi: %1.</translation>
    </message>
    <message>
      <source>Port</source>
      <translation>Porta</translation>
    </message>
    <message>
      <source>Recent</source>
      <translation>Terkini</translation>
    </message>
    <message>
      <source>Remember the password in the system keyring</source>
      <translation>Ingat kata sandi di gantungan kunci sistem</translation>
    </message>
    <message>
      <source>TLS</source>
      <translation>TLS</translation>
    </message>
    <message>
      <source>User</source>
      <translation>Pengguna</translation>
    </message>
    <message>
      <source>database</source>
      <translation>basis data</translation>
    </message>
    <message>
      <source>host</source>
      <translation>host</translation>
    </message>
    <message>
      <source>user</source>
      <translation>pengguna</translation>
    </message>
  </context>
  <context>
    <name>DamagedDialog</name>
    <message>
      <source>%1 is damaged.</source>
      <translation>%1 rusak.</translation>
    </message>
    <message>
      <source>Damaged database</source>
      <translation>Basis data rusak</translation>
    </message>
    <message>
      <source>Looking for a good backup…</source>
      <translation>Mencari cadangan yang baik…</translation>
    </message>
    <message>
      <source>No good backup of it was found. The file has not been changed; `claimtrack check` shows what SQLite reports, and a copy of the file may still be rescued with SQLite's .recover command.</source>
      <translation>Tidak ditemukan cadangan yang baik. Berkas tidak diubah; `claimtrack check` menunjukkan laporan SQLite, dan salinan berkas mungkin masih dapat diselamatkan dengan perintah .recover milik SQLite.</translation>
    </message>
    <message>
      <source>Restore This Backup</source>
      <translation>Pulihkan Cadangan Ini</translation>
    </message>
    <message>
      <source>Restoring…</source>
      <translation>Memulihkan…</translation>
    </message>
    <message numerus="yes">
      <source>The newest good backup is from %1 and holds %n claim(s). Restore it? The damaged file is kept beside it, renamed, in case anything can be rescued from it; work done after %1 is not in the backup.</source>
      <translation>
        <numerusform>Cadangan baik terbaru berasal dari %1 dan berisi %n klaim. Pulihkan? Berkas yang rusak disimpan di sebelahnya dengan nama lain, siapa tahu masih ada yang bisa diselamatkan; pekerjaan sesudah %1 tidak ada di cadangan.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DatabaseController</name>
    <message>
      <source>Backing up…</source>
      <translation>Mencadangkan…</translation>
    </message>
    <message>
      <source>Opening the database…</source>
      <translation>Membuka basis data…</translation>
    </message>
    <message>
      <source>The daily backup failed: %1</source>
      <translation>Pencadangan harian gagal: %1</translation>
    </message>
  </context>
  <context>
    <name>DatabaseLock</name>
    <message>
      <source>%1 is already open %2. Only one ClaimTrack can change a database at a time, so that nothing is overwritten.

Open it read-only to look at it without changing anything, or close it there first and open it again.</source>
      <translation>%1 sudah terbuka %2. Hanya satu ClaimTrack yang boleh mengubah sebuah basis data pada satu waktu, agar tidak ada yang tertimpa.

Buka dalam mode baca saja untuk melihatnya tanpa mengubah apa pun, atau tutup dulu di sana lalu buka lagi.</translation>
    </message>
    <message>
      <source>%1 is inside a %2 folder. Sync services copy the file while ClaimTrack is writing it and can damage it or split it into conflicting copies. Move it out of the synced folder (keep exports or backups there instead), or share the work through team mode (a PostgreSQL server).</source>
      <translation>%1 berada di dalam folder %2. Layanan sinkronisasi menyalin berkas selagi ClaimTrack menulisnya dan dapat merusaknya atau memecahnya menjadi salinan yang saling bertentangan. Pindahkan keluar dari folder yang disinkronkan (simpan ekspor atau cadangan di sana saja), atau bagikan pekerjaan lewat mode tim (server PostgreSQL).</translation>
    </message>
    <message>
      <source>%1 is on a network drive (%2). SQLite cannot lock files reliably over a network, so two computers writing to it can damage it. Keep the database on this computer's own disk, or share the work through team mode (a PostgreSQL server).</source>
      <translation>%1 berada di drive jaringan (%2). SQLite tidak dapat mengunci berkas dengan andal lewat jaringan, sehingga dua komputer yang menulis ke sana dapat merusaknya. Simpan basis data di diska komputer ini sendiri, atau bagikan pekerjaan lewat mode tim (server PostgreSQL).</translation>
    </message>
    <message>
      <source>Database already open</source>
      <translation>Basis data sudah terbuka</translation>
    </message>
    <message>
      <source>Open Read-Only</source>
      <translation>Buka Baca Saja</translation>
    </message>
    <message>
      <source>in another ClaimTrack window</source>
      <translation>di jendela ClaimTrack lain</translation>
    </message>
    <message>
      <source>in another ClaimTrack window (process %1)</source>
      <translation>di jendela ClaimTrack lain (proses %1)</translation>
    </message>
    <message>
      <source>on the computer “%1”</source>
      <translation>di komputer “%1”</translation>
    </message>
  </context>
  <context>
    <name>DetailPane</name>
    <message>
      <source>&amp;Assignee</source>
      <translation>&amp;Penanggung jawab</translation>
    </message>
    <message>
      <source>&amp;Claim</source>
      <translation>&amp;Klaim</translation>
    </message>
    <message>
      <source>&amp;Paraphrase</source>
      <translation>Pa&amp;rafrasa</translation>
    </message>
    <message>
      <source>&amp;Tags</source>
      <translation>&amp;Tag</translation>
    </message>
    <message>
      <source>&amp;Via</source>
      <translation>&amp;Melalui</translation>
    </message>
    <message>
      <source>Assign claim</source>
      <translation>Tugaskan klaim</translation>
    </message>
    <message>
      <source>Change attribution chain</source>
      <translation>Ubah rantai atribusi</translation>
    </message>
    <message>
      <source>Change claimant</source>
      <translation>Ubah pengklaim</translation>
    </message>
    <message>
      <source>Change kind</source>
      <translation>Ubah jenis</translation>
    </message>
    <message>
      <source>Change status</source>
      <translation>Ubah status</translation>
    </message>
    <message>
      <source>Change tags</source>
      <translation>Ubah tag</translation>
    </message>
    <message>
      <source>Change verdict</source>
      <translation>Ubah putusan</translation>
    </message>
    <message>
      <source>Claim</source>
      <translation>Klaim</translation>
    </message>
    <message>
      <source>Claima&amp;nt</source>
      <translation>Pe&amp;ngklaim</translation>
    </message>
    <message>
      <source>Created %1 by %2
Updated %3 by %4</source>
      <translation>Dibuat %1 oleh %2
Diperbarui %3 oleh %4</translation>
    </message>
    <message>
      <source>Cue</source>
      <translation>Penanda</translation>
    </message>
    <message>
      <source>E&amp;xplanation</source>
      <translation>Pen&amp;jelasan</translation>
    </message>
    <message>
      <source>Edit claim text</source>
      <translation>Sunting teks klaim</translation>
    </message>
    <message>
      <source>Edit cue</source>
      <translation>Sunting penanda</translation>
    </message>
    <message>
      <source>Edit notes</source>
      <translation>Sunting catatan</translation>
    </message>
    <message>
      <source>Edit paraphrase</source>
      <translation>Sunting parafrasa</translation>
    </message>
    <message>
      <source>Edit verdict explanation</source>
      <translation>Sunting penjelasan putusan</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>Bukti</translation>
    </message>
    <message>
      <source>History</source>
      <translation>Riwayat</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Jenis</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Catatan</translation>
    </message>
    <message>
      <source>Notes in Markdown: **bold**, - lists, [links](…)</source>
      <translation>Catatan dalam Markdown: **tebal**, - daftar, [tautan](…)</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>Pratinjau</translation>
    </message>
    <message>
      <source>Replies</source>
      <translation>Tanggapan</translation>
    </message>
    <message>
      <source>Select a claim to see and edit it here.</source>
      <translation>Pilih sebuah klaim untuk melihat dan menyuntingnya di sini.</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Verdict</source>
      <translation>Putusan</translation>
    </message>
    <message>
      <source>Who says it</source>
      <translation>Siapa yang mengatakannya</translation>
    </message>
    <message>
      <source>Write</source>
      <translation>Tulis</translation>
    </message>
    <message>
      <source>comma, separated, tags</source>
      <translation>tag, dipisah, koma</translation>
    </message>
  </context>
  <context>
    <name>EditProposalDialog</name>
    <message>
      <source>&amp;Claimant</source>
      <translation>&amp;Pengklaim</translation>
    </message>
    <message>
      <source>&amp;Kind</source>
      <translation>&amp;Jenis</translation>
    </message>
    <message>
      <source>&amp;Span</source>
      <translation>&amp;Rentang</translation>
    </message>
    <message>
      <source>&amp;Via</source>
      <translation>&amp;Melalui</translation>
    </message>
    <message>
      <source>Edit proposal</source>
      <translation>Sunting usulan</translation>
    </message>
    <message>
      <source>The span must be a passage of the article, word for word.</source>
      <translation>Rentang harus berupa petikan artikel, kata demi kata.</translation>
    </message>
    <message>
      <source>The span text must be a passage of the article.</source>
      <translation>Teks rentang harus berupa bagian dari artikel.</translation>
    </message>
    <message>
      <source>Who relayed it, e.g. an agency (optional)</source>
      <translation>Siapa yang meneruskannya, mis. kantor berita (opsional)</translation>
    </message>
  </context>
  <context>
    <name>ErrorDialog</name>
    <message numerus="yes">
      <source>%n more error(s) followed; all are in the report.</source>
      <translation>
        <numerusform>%n kesalahan lain menyusul; semuanya ada di laporan.</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Copy Details</source>
      <translation>&amp;Salin Rincian</translation>
    </message>
    <message>
      <source>ClaimTrack: Unexpected Error</source>
      <translation>ClaimTrack: Kesalahan Tak Terduga</translation>
    </message>
    <message>
      <source>Could not open the log folder %1.</source>
      <translation>Tidak dapat membuka folder log %1.</translation>
    </message>
    <message>
      <source>Details Copied</source>
      <translation>Rincian Disalin</translation>
    </message>
    <message>
      <source>Open &amp;Log Folder</source>
      <translation>Buka Folder &amp;Log</translation>
    </message>
    <message>
      <source>Show &amp;Details</source>
      <translation>Tampilkan &amp;Rincian</translation>
    </message>
    <message>
      <source>Something went wrong inside ClaimTrack. Your saved work is safe.</source>
      <translation>Terjadi kesalahan di dalam ClaimTrack. Pekerjaan Anda yang sudah tersimpan aman.</translation>
    </message>
    <message>
      <source>The full report was written to %1.</source>
      <translation>Laporan lengkapnya ditulis ke %1.</translation>
    </message>
    <message>
      <source>The report could not be written to the log in %1; use Copy Details to keep it.</source>
      <translation>Laporan tidak dapat ditulis ke log di %1; gunakan Salin Rincian untuk menyimpannya.</translation>
    </message>
    <message>
      <source>What failed: %1</source>
      <translation>Yang gagal: %1</translation>
    </message>
  </context>
  <context>
    <name>EvidenceTable</name>
    <message>
      <source>Accessed</source>
      <translation>Diakses</translation>
    </message>
    <message>
      <source>Add evidence</source>
      <translation>Tambah bukti</translation>
    </message>
    <message>
      <source>Edit evidence</source>
      <translation>Sunting bukti</translation>
    </message>
    <message>
      <source>Excerpt</source>
      <translation>Kutipan</translation>
    </message>
    <message>
      <source>Remove evidence</source>
      <translation>Hapus bukti</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Sumber</translation>
    </message>
    <message>
      <source>Stance</source>
      <translation>Sikap</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Tipe</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message numerus="yes">
      <source>%n claim(s) without a verdict were left out.</source>
      <translation>
        <numerusform>%n klaim tanpa putusan tidak disertakan.</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Cancel Export</source>
      <translation>&amp;Batalkan Ekspor</translation>
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation>&amp;Ekspor…</translation>
    </message>
    <message>
      <source>&amp;Format:</source>
      <translation>&amp;Format:</translation>
    </message>
    <message>
      <source>&amp;Language:</source>
      <translation>&amp;Bahasa:</translation>
    </message>
    <message>
      <source>&amp;Scope:</source>
      <translation>&amp;Cakupan:</translation>
    </message>
    <message>
      <source>&amp;Title:</source>
      <translation>&amp;Judul:</translation>
    </message>
    <message>
      <source>A4</source>
      <translation>A4</translation>
    </message>
    <message>
      <source>Before publishing:</source>
      <translation>Sebelum terbit:</translation>
    </message>
    <message>
      <source>CSV table</source>
      <translation>Tabel CSV</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Membatalkan…</translation>
    </message>
    <message>
      <source>Claim report</source>
      <translation>Laporan klaim</translation>
    </message>
    <message>
      <source>ClaimReview JSON-LD</source>
      <translation>ClaimReview JSON-LD</translation>
    </message>
    <message>
      <source>ClaimReview check: nothing is missing.</source>
      <translation>Pemeriksaan ClaimReview: tidak ada yang kurang.</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <source>Excel workbook (XLSX)</source>
      <translation>Buku kerja Excel (XLSX)</translation>
    </message>
    <message>
      <source>Export Report</source>
      <translation>Ekspor Laporan</translation>
    </message>
    <message>
      <source>Export cancelled; no file was changed.</source>
      <translation>Ekspor dibatalkan; tidak ada berkas yang diubah.</translation>
    </message>
    <message>
      <source>Export failed: %1</source>
      <translation>Ekspor gagal: %1</translation>
    </message>
    <message numerus="yes">
      <source>Exported %n claim(s) to %1.</source>
      <translation>
        <numerusform>%n klaim diekspor ke %1.</numerusform>
      </translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>Mengekspor…</translation>
    </message>
    <message>
      <source>HTML page</source>
      <translation>Halaman HTML</translation>
    </message>
    <message>
      <source>History appendix</source>
      <translation>Lampiran riwayat</translation>
    </message>
    <message>
      <source>Letter</source>
      <translation>Letter</translation>
    </message>
    <message>
      <source>Markdown</source>
      <translation>Markdown</translation>
    </message>
    <message>
      <source>Methodology note (Markdown), printed before the claims; leave empty to omit</source>
      <translation>Catatan metodologi (Markdown), dicetak sebelum klaim; kosongkan bila tidak perlu</translation>
    </message>
    <message>
      <source>No preview: %1</source>
      <translation>Tidak ada pratinjau: %1</translation>
    </message>
    <message>
      <source>Organisation:</source>
      <translation>Organisasi:</translation>
    </message>
    <message>
      <source>PDF document</source>
      <translation>Dokumen PDF</translation>
    </message>
    <message>
      <source>Paper:</source>
      <translation>Kertas:</translation>
    </message>
    <message>
      <source>Preparing the preview…</source>
      <translation>Menyiapkan pratinjau…</translation>
    </message>
    <message>
      <source>Preview: %1 of %2 claim(s)</source>
      <translation>Pratinjau: %1 dari %2 klaim</translation>
    </message>
    <message>
      <source>Raw CSV cells (not spreadsheet-safe)</source>
      <translation>Sel CSV mentah (tidak aman untuk lembar kerja)</translation>
    </message>
    <message>
      <source>Redact protected sources</source>
      <translation>Samarkan sumber yang dilindungi</translation>
    </message>
    <message>
      <source>Review URL:</source>
      <translation>URL tinjauan:</translation>
    </message>
    <message>
      <source>Sections</source>
      <translation>Bagian</translation>
    </message>
    <message numerus="yes">
      <source>Selected claims (%n)</source>
      <translation>
        <numerusform>Klaim terpilih (%n)</numerusform>
      </translation>
    </message>
    <message>
      <source>The current article</source>
      <translation>Artikel saat ini</translation>
    </message>
    <message>
      <source>The current filter</source>
      <translation>Filter saat ini</translation>
    </message>
    <message>
      <source>The language of the report's headings and labels</source>
      <translation>Bahasa judul dan label laporan</translation>
    </message>
    <message>
      <source>Word document (DOCX)</source>
      <translation>Dokumen Word (DOCX)</translation>
    </message>
    <message>
      <source>Your fact-checking organisation</source>
      <translation>Organisasi pemeriksa fakta Anda</translation>
    </message>
    <message>
      <source>https://…/fact-check/{id}</source>
      <translation>https://…/cek-fakta/{id}</translation>
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <source>Any kind</source>
      <translation>Semua jenis</translation>
    </message>
    <message>
      <source>Any party</source>
      <translation>Semua pihak</translation>
    </message>
    <message>
      <source>Any status</source>
      <translation>Semua status</translation>
    </message>
    <message>
      <source>Any tag</source>
      <translation>Semua tag</translation>
    </message>
    <message>
      <source>Any verdict</source>
      <translation>Semua putusan</translation>
    </message>
    <message>
      <source>Anyone</source>
      <translation>Siapa saja</translation>
    </message>
    <message>
      <source>Save Filter…</source>
      <translation>Simpan Filter…</translation>
    </message>
    <message>
      <source>Search claims, notes, parties, articles…</source>
      <translation>Cari klaim, catatan, pihak, artikel…</translation>
    </message>
  </context>
  <context>
    <name>GuideDialog</name>
    <message>
      <source>The user guide is not installed.</source>
      <translation>Panduan pengguna tidak terpasang.</translation>
    </message>
    <message>
      <source>User Guide</source>
      <translation>Panduan Pengguna</translation>
    </message>
  </context>
  <context>
    <name>HistoryTable</name>
    <message>
      <source>After</source>
      <translation>Sesudah</translation>
    </message>
    <message>
      <source>Before</source>
      <translation>Sebelum</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Isian</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Kapan</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Siapa</translation>
    </message>
  </context>
  <context>
    <name>ImportController</name>
    <message numerus="yes">
      <source>Added %n claim(s).</source>
      <translation>
        <numerusform>%n klaim ditambahkan.</numerusform>
      </translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Impor</translation>
    </message>
    <message>
      <source>Import of %1 cancelled; nothing was stored.</source>
      <translation>Impor %1 dibatalkan; tidak ada yang disimpan.</translation>
    </message>
    <message>
      <source>Reading %1: %2</source>
      <translation>Membaca %1: %2</translation>
    </message>
    <message>
      <source>Reading %1…</source>
      <translation>Membaca %1…</translation>
    </message>
    <message>
      <source>The clipboard holds no text.</source>
      <translation>Papan klip tidak berisi teks.</translation>
    </message>
    <message>
      <source>pasted text</source>
      <translation>teks tempelan</translation>
    </message>
  </context>
  <context>
    <name>ImportProgress</name>
    <message>
      <source>Import</source>
      <translation>Impor</translation>
    </message>
    <message>
      <source>Reading and proposing claims in %1…</source>
      <translation>Membaca dan mengusulkan klaim dalam %1…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message numerus="yes">
      <source> (%n claims)</source>
      <translation>
        <numerusform> (%n klaim)</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 (read-only)</source>
      <translation>%1 (hanya-baca)</translation>
    </message>
    <message>
      <source>%1 selected of %2</source>
      <translation>%1 terpilih dari %2</translation>
    </message>
    <message numerus="yes">
      <source>%n claim(s)</source>
      <translation>
        <numerusform>%n klaim</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;About ClaimTrack</source>
      <translation>&amp;Tentang ClaimTrack</translation>
    </message>
    <message>
      <source>&amp;Article</source>
      <translation>&amp;Artikel</translation>
    </message>
    <message>
      <source>&amp;Back Up Now</source>
      <translation>&amp;Cadangkan Sekarang</translation>
    </message>
    <message>
      <source>&amp;Delete Claim</source>
      <translation>&amp;Hapus Klaim</translation>
    </message>
    <message>
      <source>&amp;Details</source>
      <translation>&amp;Detail Klaim</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Sunting</translation>
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation>&amp;Ekspor…</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Berkas</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>&amp;Cari…</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>Ban&amp;tuan</translation>
    </message>
    <message>
      <source>&amp;Import Article…</source>
      <translation>&amp;Impor Artikel…</translation>
    </message>
    <message>
      <source>&amp;New Database…</source>
      <translation>Basis Data &amp;Baru…</translation>
    </message>
    <message>
      <source>&amp;Next Claim</source>
      <translation>Klaim Beri&amp;kutnya</translation>
    </message>
    <message>
      <source>&amp;Open Database…</source>
      <translation>B&amp;uka Basis Data…</translation>
    </message>
    <message>
      <source>&amp;Paste Article</source>
      <translation>Te&amp;mpel Artikel</translation>
    </message>
    <message>
      <source>&amp;Preferences…</source>
      <translation>&amp;Preferensi…</translation>
    </message>
    <message>
      <source>&amp;Previous Claim</source>
      <translation>Klaim Sebe&amp;lumnya</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Keluar</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>Ula&amp;ngi</translation>
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation>&amp;Muat Ulang</translation>
    </message>
    <message>
      <source>&amp;Restore from Backup…</source>
      <translation>&amp;Pulihkan dari Cadangan…</translation>
    </message>
    <message>
      <source>&amp;Sidebar</source>
      <translation>&amp;Bilah Samping</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Urungkan</translation>
    </message>
    <message>
      <source>&amp;User Guide</source>
      <translation>&amp;Panduan Pengguna</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Tampilan</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>(tidak ada)</translation>
    </message>
    <message>
      <source>About &amp;Qt</source>
      <translation>Tentang &amp;Qt</translation>
    </message>
    <message>
      <source>About ClaimTrack</source>
      <translation>Tentang ClaimTrack</translation>
    </message>
    <message>
      <source>About Qt</source>
      <translation>Tentang Qt</translation>
    </message>
    <message>
      <source>Add &amp;Tag…</source>
      <translation>Tambah &amp;Tag…</translation>
    </message>
    <message>
      <source>Add Tag</source>
      <translation>Tambah Tag</translation>
    </message>
    <message>
      <source>Add tag %1</source>
      <translation>Tambah tag %1</translation>
    </message>
    <message>
      <source>All files</source>
      <translation>Semua berkas</translation>
    </message>
    <message>
      <source>Articles</source>
      <translation>Artikel</translation>
    </message>
    <message>
      <source>Assi&amp;gn To…</source>
      <translation>Tugaskan &amp;Kepada…</translation>
    </message>
    <message>
      <source>Assign To</source>
      <translation>Tugaskan Kepada</translation>
    </message>
    <message>
      <source>Assign to %1</source>
      <translation>Tugaskan kepada %1</translation>
    </message>
    <message>
      <source>Change status</source>
      <translation>Ubah status</translation>
    </message>
    <message>
      <source>Change verdict</source>
      <translation>Ubah putusan</translation>
    </message>
    <message>
      <source>ClaimTrack databases</source>
      <translation>Basis data ClaimTrack</translation>
    </message>
    <message numerus="yes">
      <source>ClaimTrack found %n unsaved note(s) from a session that ended unexpectedly. Restore them? A note someone changed meanwhile is shown side by side first.</source>
      <translation>
        <numerusform>ClaimTrack menemukan %n catatan yang belum tersimpan dari sesi yang berakhir tiba-tiba. Pulihkan? Catatan yang sementara itu diubah orang lain ditampilkan berdampingan lebih dulu.</numerusform>
      </translation>
    </message>
    <message>
      <source>Connect to &amp;Team Database…</source>
      <translation>Sambung ke Basis Data &amp;Tim…</translation>
    </message>
    <message>
      <source>Could not save</source>
      <translation>Tidak dapat menyimpan</translation>
    </message>
    <message numerus="yes">
      <source>Delete %n claim(s)</source>
      <translation>
        <numerusform>Hapus %n klaim</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Deleted %n claim(s). Undo brings them back.</source>
      <translation>
        <numerusform>%n klaim dihapus. Urungkan untuk mengembalikannya.</numerusform>
      </translation>
    </message>
    <message>
      <source>Editing as %1</source>
      <translation>Menyunting sebagai %1</translation>
    </message>
    <message>
      <source>Editor:</source>
      <translation>Penyunting:</translation>
    </message>
    <message>
      <source>Exported %1</source>
      <translation>Diekspor: %1</translation>
    </message>
    <message>
      <source>Import Article</source>
      <translation>Impor Artikel</translation>
    </message>
    <message>
      <source>Load &amp;Sample Dossier</source>
      <translation>Muat Dosier &amp;Contoh</translation>
    </message>
    <message>
      <source>Name:</source>
      <translation>Nama:</translation>
    </message>
    <message>
      <source>New Claim from &amp;Selection</source>
      <translation>Klaim Baru dari Pi&amp;lihan</translation>
    </message>
    <message>
      <source>New Database</source>
      <translation>Basis Data Baru</translation>
    </message>
    <message>
      <source>New claim</source>
      <translation>Klaim baru</translation>
    </message>
    <message>
      <source>Open &amp;Log Folder</source>
      <translation>Buka Folder &amp;Log</translation>
    </message>
    <message>
      <source>Open &amp;Recent</source>
      <translation>Buka Te&amp;rkini</translation>
    </message>
    <message>
      <source>Open Database</source>
      <translation>Buka Basis Data</translation>
    </message>
    <message>
      <source>Opened %1</source>
      <translation>Terbuka: %1</translation>
    </message>
    <message>
      <source>Read-only</source>
      <translation>Hanya-baca</translation>
    </message>
    <message>
      <source>Restore draft</source>
      <translation>Pulihkan draf</translation>
    </message>
    <message>
      <source>Risky place</source>
      <translation>Tempat berisiko</translation>
    </message>
    <message>
      <source>Sample dossier loaded.</source>
      <translation>Dosier contoh dimuat.</translation>
    </message>
    <message>
      <source>Save &amp;Filter…</source>
      <translation>Simpan &amp;Filter…</translation>
    </message>
    <message>
      <source>Save Filter</source>
      <translation>Simpan Filter</translation>
    </message>
    <message>
      <source>Select &amp;All Claims</source>
      <translation>Pilih Semu&amp;a Klaim</translation>
    </message>
    <message>
      <source>Set &amp;Status</source>
      <translation>Atur &amp;Status</translation>
    </message>
    <message>
      <source>Set &amp;Verdict</source>
      <translation>Atur &amp;Putusan</translation>
    </message>
    <message>
      <source>Set status to %1</source>
      <translation>Atur status menjadi %1</translation>
    </message>
    <message>
      <source>Set verdict to %1</source>
      <translation>Atur putusan menjadi %1</translation>
    </message>
    <message>
      <source>Tag:</source>
      <translation>Tag:</translation>
    </message>
    <message>
      <source>This database is open read-only: you can read, search and export, not edit.</source>
      <translation>Basis data ini dibuka hanya-baca: Anda bisa membaca, mencari, dan mengekspor, tetapi tidak mengubah.</translation>
    </message>
    <message>
      <source>Unsaved notes</source>
      <translation>Catatan belum tersimpan</translation>
    </message>
    <message>
      <source>Your &amp;Name…</source>
      <translation>&amp;Nama Anda…</translation>
    </message>
    <message>
      <source>Your Name</source>
      <translation>Nama Anda</translation>
    </message>
    <message>
      <source>Your name, as History and “updated by” will show it:</source>
      <translation>Nama Anda, sebagaimana akan tampil di Riwayat dan “diperbarui oleh”:</translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <source> days</source>
      <translation> hari</translation>
    </message>
    <message>
      <source>&amp;Keep daily backups for:</source>
      <translation>&amp;Simpan cadangan harian selama:</translation>
    </message>
    <message>
      <source>&amp;Language:</source>
      <translation>&amp;Bahasa:</translation>
    </message>
    <message>
      <source>&amp;Organisation:</source>
      <translation>&amp;Organisasi:</translation>
    </message>
    <message>
      <source>&amp;Paper:</source>
      <translation>&amp;Kertas:</translation>
    </message>
    <message>
      <source>A4</source>
      <translation>A4</translation>
    </message>
    <message>
      <source>Backups</source>
      <translation>Cadangan</translation>
    </message>
    <message>
      <source>Backups are made once a day, beside the database file.</source>
      <translation>Cadangan dibuat sekali sehari, di sebelah berkas basis data.</translation>
    </message>
    <message>
      <source>Could not save</source>
      <translation>Tidak dapat menyimpan</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Ekspor</translation>
    </message>
    <message>
      <source>Follow the system</source>
      <translation>Ikuti sistem</translation>
    </message>
    <message>
      <source>General</source>
      <translation>Umum</translation>
    </message>
    <message>
      <source>Letter</source>
      <translation>Letter</translation>
    </message>
    <message>
      <source>Named as author of ClaimReview verdicts</source>
      <translation>Disebut sebagai penulis putusan ClaimReview</translation>
    </message>
    <message>
      <source>New status</source>
      <translation>Status baru</translation>
    </message>
    <message>
      <source>New verdict</source>
      <translation>Putusan baru</translation>
    </message>
    <message>
      <source>Open a database to edit its verdicts and statuses.</source>
      <translation>Buka basis data untuk menyunting putusan dan statusnya.</translation>
    </message>
    <message>
      <source>Preferences</source>
      <translation>Preferensi</translation>
    </message>
    <message>
      <source>Redact protected sources</source>
      <translation>Samarkan sumber yang dilindungi</translation>
    </message>
    <message>
      <source>Statuses</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Verdicts</source>
      <translation>Putusan</translation>
    </message>
    <message>
      <source>Your &amp;name:</source>
      <translation>&amp;Nama Anda:</translation>
    </message>
  </context>
  <context>
    <name>ProposalModel</name>
    <message>
      <source>Claim</source>
      <translation>Klaim</translation>
    </message>
    <message>
      <source>Claimant</source>
      <translation>Pengklaim</translation>
    </message>
    <message>
      <source>Confidence</source>
      <translation>Keyakinan</translation>
    </message>
    <message>
      <source>Cue</source>
      <translation>Penanda</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Keputusan</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Jenis</translation>
    </message>
    <message>
      <source>Via</source>
      <translation>Melalui</translation>
    </message>
    <message>
      <source>accepted</source>
      <translation>diterima</translation>
    </message>
    <message>
      <source>pending</source>
      <translation>menunggu</translation>
    </message>
    <message>
      <source>rejected</source>
      <translation>ditolak</translation>
    </message>
  </context>
  <context>
    <name>QObject</name>
    <message>
      <source>Context</source>
      <translation>Konteks</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>Surel</translation>
    </message>
    <message>
      <source>Expert</source>
      <translation>Pakar</translation>
    </message>
    <message>
      <source>Eyewitness</source>
      <translation>Saksi mata</translation>
    </message>
    <message>
      <source>In person</source>
      <translation>Tatap muka</translation>
    </message>
    <message>
      <source>Media report</source>
      <translation>Laporan media</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>Pesan</translation>
    </message>
    <message>
      <source>Official data</source>
      <translation>Data resmi</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>Lainnya</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Telepon</translation>
    </message>
    <message>
      <source>Primary document</source>
      <translation>Dokumen primer</translation>
    </message>
    <message>
      <source>Refutes</source>
      <translation>Membantah</translation>
    </message>
    <message>
      <source>Supports</source>
      <translation>Mendukung</translation>
    </message>
  </context>
  <context>
    <name>ReplyTable</name>
    <message>
      <source>Answered</source>
      <translation>Dijawab</translation>
    </message>
    <message>
      <source>Asked</source>
      <translation>Ditanyakan</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Saluran</translation>
    </message>
    <message>
      <source>Edit reply request</source>
      <translation>Sunting permintaan tanggapan</translation>
    </message>
    <message>
      <source>Log reply request</source>
      <translation>Catat permintaan tanggapan</translation>
    </message>
    <message>
      <source>Remove reply request</source>
      <translation>Hapus permintaan tanggapan</translation>
    </message>
    <message>
      <source>Response</source>
      <translation>Jawaban</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Kapan</translation>
    </message>
    <message>
      <source>no answer yet</source>
      <translation>belum dijawab</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message numerus="yes">
      <source>%n backup(s).</source>
      <translation>
        <numerusform>%n cadangan.</numerusform>
      </translation>
    </message>
    <message>
      <source>Choose a backup of %1. The database as it is now is kept beside it (renamed, not deleted), so a restore can be undone by hand.</source>
      <translation>Pilih cadangan %1. Basis data dalam keadaan sekarang disimpan di sebelahnya (diberi nama lain, tidak dihapus), sehingga pemulihan dapat dibatalkan secara manual.</translation>
    </message>
    <message>
      <source>Reading the backups…</source>
      <translation>Membaca cadangan…</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Pulihkan</translation>
    </message>
    <message>
      <source>Restore from Backup</source>
      <translation>Pulihkan dari Cadangan</translation>
    </message>
    <message>
      <source>Restoring…</source>
      <translation>Memulihkan…</translation>
    </message>
    <message>
      <source>There are no backups of %1 yet.</source>
      <translation>Belum ada cadangan %1.</translation>
    </message>
  </context>
  <context>
    <name>ReviewDialog</name>
    <message>
      <source>Review Proposed Claims</source>
      <translation>Tinjau Usulan Klaim</translation>
    </message>
    <message numerus="yes">
      <source>Store the article with the %n accepted claim(s) before closing? If you discard the review, the article and your decisions are not kept.</source>
      <translation>
        <numerusform>Simpan artikel beserta %n klaim yang diterima sebelum menutup? Jika tinjauan dibuang, artikel dan keputusan Anda tidak disimpan.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ReviewPanel</name>
    <message>
      <source>%1 of %2 reviewed, %3 accepted</source>
      <translation>%1 dari %2 ditinjau, %3 diterima</translation>
    </message>
    <message>
      <source>&amp;Done</source>
      <translation>&amp;Selesai</translation>
    </message>
    <message>
      <source>A accept · R reject · E edit · N/↓ next · P/↑ previous · Ctrl+Shift+A accept all</source>
      <translation>A terima · R tolak · E sunting · N/↓ berikutnya · P/↑ sebelumnya · Ctrl+Shift+A terima semua</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>Menyimpan…</translation>
    </message>
    <message>
      <source>Stored article %1 with %2 claim(s).</source>
      <translation>Artikel %1 disimpan dengan %2 klaim.</translation>
    </message>
    <message>
      <source>This text is already stored; nothing was added.</source>
      <translation>Teks ini sudah tersimpan; tidak ada yang ditambahkan.</translation>
    </message>
  </context>
  <context>
    <name>RowDialog</name>
    <message>
      <source>Accessed on</source>
      <translation>Diakses pada</translation>
    </message>
    <message>
      <source>Answered on</source>
      <translation>Dijawab pada</translation>
    </message>
    <message>
      <source>Asked</source>
      <translation>Ditanyakan</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Saluran</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>Bukti</translation>
    </message>
    <message>
      <source>Excerpt</source>
      <translation>Kutipan</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Berkas</translation>
    </message>
    <message>
      <source>Give a link, a file or an excerpt.</source>
      <translation>Isi tautan, berkas, atau kutipan.</translation>
    </message>
    <message>
      <source>Link</source>
      <translation>Tautan</translation>
    </message>
    <message>
      <source>Reply request</source>
      <translation>Permintaan tanggapan</translation>
    </message>
    <message>
      <source>Response</source>
      <translation>Jawaban</translation>
    </message>
    <message>
      <source>Say who was asked: a person or an organisation.</source>
      <translation>Sebutkan siapa yang ditanya: orang atau organisasi.</translation>
    </message>
    <message>
      <source>Stance</source>
      <translation>Sikap</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Tipe</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Kapan</translation>
    </message>
  </context>
  <context>
    <name>RowTable</name>
    <message>
      <source>Add…</source>
      <translation>Tambah…</translation>
    </message>
    <message>
      <source>Edit…</source>
      <translation>Sunting…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Hapus</translation>
    </message>
  </context>
  <context>
    <name>SampleBanner</name>
    <message>
      <source>Load sample dossier</source>
      <translation>Muat dosier contoh</translation>
    </message>
    <message>
      <source>New Database…</source>
      <translation>Basis Data Baru…</translation>
    </message>
    <message>
      <source>No database is open. Open a database file, make a new one, or connect to your team's database from the File menu.</source>
      <translation>Belum ada basis data yang terbuka. Buka berkas basis data, buat yang baru, atau sambungkan ke basis data tim Anda dari menu Berkas.</translation>
    </message>
    <message>
      <source>No, thanks</source>
      <translation>Tidak, terima kasih</translation>
    </message>
    <message>
      <source>Open Database…</source>
      <translation>Buka Basis Data…</translation>
    </message>
    <message>
      <source>This database is empty. Load the sample dossier to see how ClaimTrack tracks a story that relays a Reuters report?</source>
      <translation>Basis data ini kosong. Muat dosier contoh untuk melihat cara ClaimTrack melacak berita yang mengutip laporan Reuters?</translation>
    </message>
  </context>
  <context>
    <name>ScaleEditor</name>
    <message>
      <source>Add</source>
      <translation>Tambah</translation>
    </message>
    <message>
      <source>Colour…</source>
      <translation>Warna…</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Pindah ke bawah</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>Pindah ke atas</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Hapus</translation>
    </message>
    <message>
      <source>Verdict colour</source>
      <translation>Warna putusan</translation>
    </message>
  </context>
  <context>
    <name>ScaleModel</name>
    <message>
      <source>Best</source>
      <translation>Terbaik</translation>
    </message>
    <message>
      <source>ClaimReview name</source>
      <translation>Nama ClaimReview</translation>
    </message>
    <message>
      <source>Colour</source>
      <translation>Warna</translation>
    </message>
    <message>
      <source>Final</source>
      <translation>Akhir</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>Label</translation>
    </message>
    <message>
      <source>Rating value</source>
      <translation>Nilai penilaian</translation>
    </message>
    <message>
      <source>Worst</source>
      <translation>Terburuk</translation>
    </message>
  </context>
  <context>
    <name>Sidebar</name>
    <message>
      <source>All claims</source>
      <translation>Semua klaim</translation>
    </message>
    <message>
      <source>Articles</source>
      <translation>Artikel</translation>
    </message>
    <message>
      <source>Saved filters</source>
      <translation>Filter tersimpan</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Verdict</source>
      <translation>Putusan</translation>
    </message>
  </context>
  <context>
    <name>StatusLabel</name>
    <message>
      <source>Done</source>
      <translation>Selesai</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>Sedang dikerjakan</translation>
    </message>
    <message>
      <source>Needs sign-off</source>
      <translation>Perlu persetujuan</translation>
    </message>
    <message>
      <source>Unreviewed</source>
      <translation>Belum ditinjau</translation>
    </message>
  </context>
  <context>
    <name>StoreError</name>
    <message>
      <source>%1 cannot be opened: check that the folder exists and is writable.</source>
      <translation>%1 tidak dapat dibuka: periksa bahwa foldernya ada dan dapat ditulisi.</translation>
    </message>
    <message>
      <source>%1 cannot be written: the file or its folder is read-only.</source>
      <translation>%1 tidak dapat ditulisi: berkas atau foldernya hanya-baca.</translation>
    </message>
    <message>
      <source>%1 is in use by another program; close it there or try again in a moment.</source>
      <translation>%1 sedang dipakai program lain; tutup di sana atau coba lagi sebentar lagi.</translation>
    </message>
    <message>
      <source>%1 is not a ClaimTrack database (it is not a SQLite file).</source>
      <translation>%1 bukan basis data ClaimTrack (bukan berkas SQLite).</translation>
    </message>
    <message>
      <source>%1 is not a ClaimTrack database.</source>
      <translation>%1 bukan basis data ClaimTrack.</translation>
    </message>
    <message>
      <source>%1 is read-only; open it read-only or change its permissions.</source>
      <translation>%1 hanya-baca; buka dalam mode hanya-baca atau ubah izinnya.</translation>
    </message>
    <message>
      <source>%1permission denied; check who may write there.</source>
      <translation>%1izin ditolak; periksa siapa yang boleh menulis di sana.</translation>
    </message>
    <message>
      <source>%1the disk is full or the file is too large; nothing more was written.</source>
      <translation>%1disk penuh atau berkas terlalu besar; tidak ada lagi yang ditulis.</translation>
    </message>
    <message>
      <source>%1the disk or folder is read-only.</source>
      <translation>%1disk atau folder hanya-baca.</translation>
    </message>
    <message>
      <source>The disk holding %1 is full; nothing was written.</source>
      <translation>Disk tempat %1 penuh; tidak ada yang ditulis.</translation>
    </message>
  </context>
  <context>
    <name>TeamController</name>
    <message numerus="yes">
      <source>%n of the selected claims were changed by someone else since you loaded them. Apply your change to the other claims only?</source>
      <translation>
        <numerusform>%n klaim terpilih telah diubah orang lain sejak Anda memuatnya. Terapkan perubahan Anda hanya pada klaim lainnya?</numerusform>
      </translation>
    </message>
    <message>
      <source>Claims changed meanwhile</source>
      <translation>Klaim berubah sementara itu</translation>
    </message>
    <message>
      <source>Live: connected</source>
      <translation>Langsung: tersambung</translation>
    </message>
    <message>
      <source>Live: connecting…</source>
      <translation>Langsung: menyambung…</translation>
    </message>
    <message>
      <source>Live: off</source>
      <translation>Langsung: mati</translation>
    </message>
    <message>
      <source>Live: reconnecting…</source>
      <translation>Langsung: menyambung ulang…</translation>
    </message>
  </context>
  <context>
    <name>VerdictLabel</name>
    <message>
      <source>Accurate</source>
      <translation>Akurat</translation>
    </message>
    <message>
      <source>False</source>
      <translation>Salah</translation>
    </message>
    <message>
      <source>Misleading</source>
      <translation>Menyesatkan</translation>
    </message>
    <message>
      <source>Mostly accurate</source>
      <translation>Sebagian besar akurat</translation>
    </message>
    <message>
      <source>Mostly false</source>
      <translation>Sebagian besar salah</translation>
    </message>
    <message>
      <source>Unrated</source>
      <translation>Belum dinilai</translation>
    </message>
    <message>
      <source>Unverifiable</source>
      <translation>Tak dapat diverifikasi</translation>
    </message>
  </context>
</TS>
