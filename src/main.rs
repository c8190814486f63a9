//! The `dvk` binary: parse the arguments, run, map the outcome to an exit code.

use clap::Parser;

// Reading allocates many small strings on every thread at once; mimalloc keeps that from
// contending on the system allocator's locks. Built with `no_thp`: mimalloc would otherwise ask
// for transparent huge pages, and every first touch of a 2 MB page clears all of it (the report
// on the 100,000-row workbook peaked at 302 MB with them, 263–289 MB without; no change in time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    #[cfg(windows)]
    if std::env::args_os().len() <= 1 && windows::alone_on_console() {
        windows::explain_and_wait();
        return;
    }
    let cli = dvk::cli::Cli::parse();
    // Workbooks are read in copies of this binary, so that none can take the run down.
    if let Ok(program) = std::env::current_exe() {
        dvk::ingest::read::isolated::isolate_with(program);
    }
    let code = match dvk::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            // A path or a name in the message may hold control characters: escaped, as everywhere.
            eprintln!("dvk: lỗi: {}", dvk::text::visible(&error.to_string()));
            error.exit_code()
        }
    };
    std::process::exit(code);
}

/// A dvk.exe double-clicked in Explorer: Windows opens a console for it alone, and closes it the
/// moment dvk exits, so a usage error would flash and vanish. Such a start says what to do
/// instead and waits for Enter. A start from a command prompt shares the prompt's console and
/// gets the usual usage message.
#[cfg(windows)]
mod windows {
    /// This process is the only one attached to its console: the console was made for it (a
    /// double-click), not inherited from cmd.exe or PowerShell.
    pub fn alone_on_console() -> bool {
        use windows_sys::Win32::System::Console::GetConsoleProcessList;
        let mut ids = [0u32; 2];
        // SAFETY: the buffer holds as many process ids as the length passed.
        let count = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), 2) };
        count == 1
    }

    /// What to do with dvk.exe, in Vietnamese, then waits for Enter.
    pub fn explain_and_wait() {
        use std::io::Write;
        println!("{WHAT_TO_DO}");
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }

    const WHAT_TO_DO: &str = "\
dvk là chương trình chạy trong cửa sổ dòng lệnh, không mở bằng cách nhấp đúp.

Cách dùng:
  1. Trong File Explorer, ở thư mục chứa dvk.exe này, bấm vào thanh địa chỉ
     ở đầu cửa sổ, gõ cmd rồi nhấn Enter: cửa sổ dòng lệnh mở ra tại thư mục đó.
  2. Gõ lệnh rồi nhấn Enter, ví dụ:
       dvk check samples --roster samples\\danh-sach-chi-bo.xlsx   thử với hồ sơ mẫu
       dvk init . --year 2025        tạo thư mục làm việc ngay tại đây
       dvk check                     kiểm tra các tệp chi bộ gửi về (hop-thu)
       dvk missing --year 2025       chi bộ nào còn thiếu gì
       dvk report --year 2025 --out bao-cao-2025.xlsx    lập báo cáo năm
       dvk --help                    xem mọi lệnh

Xem thêm tệp HUONG-DAN.txt bên cạnh dvk.exe.

Nhấn Enter để đóng cửa sổ này.";
}
